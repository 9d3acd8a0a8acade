package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins the adaptive integrator's results bit for bit on seeded batches, so that work on its
 * bookkeeping (data layout, allocation, panel selection) cannot change a single attribution,
 * evaluation count or verdict unnoticed. The digests were recorded from the integrator as it was
 * before that work (commit a6e1e1a); a change that is MEANT to alter the numbers must say so and
 * re-record them.
 *
 * <p>The cases cover what the integrator does differently: ReLU nets with each head (two-point
 * panels, kinks), float32 rounding, a smooth tanh net (K15 bisection), several baselines (paths per
 * request), a tight budget (paths that stop unconverged), all requests of a case in one batch.
 */
class AdaptiveResultsPinTest {

  @Test
  void shouldGiveBitIdenticalResultsOnSeededReluBatches() {
    List<Attribution> all = new ArrayList<>();
    for (ReluMlp.Head head : ReluMlp.Head.values()) {
      ReluMlp net = ReluMlp.random(7, 30, 64, 32).withHead(head, head != ReluMlp.Head.IDENTITY);
      all.addAll(explain(IgOptions.defaults(), net.function(), requests(11, 30, 40, 1)));
    }
    assertTrue(
        all.stream().mapToInt(Attribution::steps).max().orElseThrow() > 100,
        "kinks were refined, not just the first K15 panel");
    assertDigest(DIGEST_RELU, all);
  }

  @Test
  void shouldGiveBitIdenticalResultsOnASmoothNetSeveralBaselinesAndATightBudget() {
    Random random = new Random(5);
    int dimension = 12;
    double[][] w = new double[24][];
    for (int h = 0; h < w.length; h++) {
      w[h] = TestFunctions.randomVector(random, dimension, 1.5);
    }
    GradientFunction tanh =
        TestFunctions.tanhNet(
            w,
            TestFunctions.randomVector(random, 24, 1),
            TestFunctions.randomVector(random, 24, 1));
    List<Attribution> all = new ArrayList<>();
    all.addAll(
        explain(
            IgOptions.builder().absTol(1e-6).relTol(0).build(),
            tanh,
            requests(3, dimension, 25, 1)));
    GradientFunction relu =
        ReluMlp.random(9, 20, 48).withHead(ReluMlp.Head.SIGMOID, true).function();
    all.addAll(explain(IgOptions.defaults(), relu, requests(4, 20, 20, 3)));
    List<Attribution> tight =
        explain(
            IgOptions.builder().absTol(1e-5).relTol(0).maxSteps(60).build(),
            relu,
            requests(6, 20, 20, 1));
    assertTrue(
        tight.stream().anyMatch(a -> !a.toleranceMet()), "the budget stopped some paths early");
    all.addAll(tight);
    assertDigest(DIGEST_MIXED, all);
  }

  static final String DIGEST_RELU =
      "5f56a21ade96948e1806e73afd605e37aea5aceb1b817aab5718760a381038bb";
  static final String DIGEST_MIXED =
      "00f605c5af5ab9f429d381c7e837730096a50dfeeee1bb2afe0adba72ba6debc";

  private static List<Attribution> explain(
      IgOptions options, GradientFunction f, List<PathRequest> requests) {
    return new IntegratedGradients(options).explain(f, requests);
  }

  private static List<PathRequest> requests(long seed, int dimension, int count, int baselines) {
    Random random = new Random(seed);
    List<PathRequest> out = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      double[] x = TestFunctions.randomVector(random, dimension, 1);
      List<double[]> bs = new ArrayList<>();
      for (int j = 0; j < baselines; j++) {
        bs.add(j == 0 ? new double[dimension] : TestFunctions.randomVector(random, dimension, 0.3));
      }
      out.add(new PathRequest(x, bs));
    }
    return out;
  }

  private static void assertDigest(String expected, List<Attribution> results) {
    assertEquals(expected, digest(results), "the adaptive integrator's results changed");
  }

  /** SHA-256 over the exact bits of every field of every result. */
  static String digest(List<Attribution> results) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(8);
      for (Attribution a : results) {
        for (double v : a.attributions()) {
          sha.update(b.clear().putDouble(v).array());
        }
        for (double v :
            new double[] {
              a.prediction(),
              a.baselinePrediction(),
              a.completenessError(),
              a.relativeCompletenessError()
            }) {
          sha.update(b.clear().putDouble(v).array());
        }
        sha.update(b.clear().putLong(a.steps()).array());
        sha.update((byte) (a.toleranceMet() ? 1 : 0));
        sha.update(a.method().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
