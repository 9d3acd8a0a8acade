package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.PiecewiseMlp.Activation;
import io.igstream.explain.PiecewiseMlp.Head;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact piecewise integrator's results bit for bit on seeded batches, so that work on its
 * bookkeeping (data layout, allocation, crossing scans) cannot change a single attribution,
 * evaluation count or verdict unnoticed. The digests were recorded from the integrator as it was
 * before that work (main at eec2115); a change that is MEANT to alter the numbers must say so, show
 * the change is at rounding level, and re-record them.
 *
 * <p>The cases cover what the exact method does differently: every head (scalar: one gradient per
 * region; softmax: Gauss&ndash;Legendre with halvings) and activation (ReLU, LeakyReLU, ReLU6 with
 * two thresholds), deep and wide nets with many breakpoints per path, a model rounding like float32
 * (wider bands) that also splits each round into small batches, several baselines, smoothing (probe
 * points), a spent budget (paths that stop unconverged) and paths starting on every kink.
 */
class ExactResultsPinTest {

  @Test
  void shouldGiveBitIdenticalResultsForEveryHeadAndActivation() {
    List<Attribution> all = new ArrayList<>();
    for (Head head : Head.values()) {
      for (Activation activation : Activation.values()) {
        PiecewiseMlp net = new PiecewiseMlp(13, 8, head, activation, 24, 16, 12);
        all.addAll(explain(IgOptions.defaults(), net, requests(17, 8, 12, 1, 3)));
      }
    }
    PiecewiseMlp demoShaped = new PiecewiseMlp(7, 30, Head.SIGMOID, Activation.RELU, 64, 32);
    List<Attribution> demo = explain(IgOptions.defaults(), demoShaped, requests(11, 30, 40, 1, 1));
    assertTrue(demo.stream().allMatch(Attribution::toleranceMet), "every path is cut to the end");
    all.addAll(demo);
    assertTrue(
        all.stream().mapToInt(Attribution::steps).max().orElseThrow() > 100,
        "paths with many breakpoints, not one region each");
    assertDigest(DIGEST_HEADS, all);
  }

  @Test
  void shouldGiveBitIdenticalResultsWithFloatRoundingBaselinesSmoothingAndABudget() {
    List<Attribution> all = new ArrayList<>();
    PiecewiseMlp sigmoid = new PiecewiseMlp(5, 10, Head.SIGMOID, Activation.RELU, 32, 32);
    all.addAll(explain(IgOptions.defaults(), new Float32(sigmoid, 7), requests(3, 10, 15, 1, 3)));
    PiecewiseMlp softmax = new PiecewiseMlp(6, 10, Head.SOFTMAX, Activation.RELU6, 20, 20);
    all.addAll(explain(IgOptions.defaults(), new Float32(softmax, 5), requests(4, 10, 8, 1, 3)));
    all.addAll(explain(IgOptions.defaults(), sigmoid, requests(8, 10, 10, 3, 2)));
    IgOptions smoothing =
        IgOptions.builder().smoothing(new Smoothing(NoiseTunnel.VARGRAD, 3, 0.2, 9)).build();
    all.addAll(explain(smoothing, sigmoid, requests(9, 10, 6, 2, 2)));
    List<Attribution> tight =
        explain(IgOptions.builder().maxSteps(30).build(), sigmoid, requests(10, 10, 12, 1, 3));
    assertTrue(
        tight.stream().anyMatch(a -> !a.toleranceMet()), "the budget stopped some paths early");
    all.addAll(tight);
    PiecewiseMlp onKinks = new PiecewiseMlp(21, 6, Head.IDENTITY, Activation.RELU, 0.0, 16, 16);
    all.addAll(explain(IgOptions.defaults(), onKinks, requests(2, 6, 5, 0, 2)));
    assertDigest(DIGEST_MIXED, all);
  }

  static final String DIGEST_HEADS =
      "ee02e4e14106953c2e45820f7ae198037ff6b2ed5a5912553eec913a486a2af3";
  static final String DIGEST_MIXED =
      "d20330d79d15d88151bc9a996f6fce60f1682c0292f9305bccc83634fc364605";

  private static List<Attribution> explain(
      IgOptions options, PiecewiseAffineFunction f, List<PathRequest> requests) {
    IntegratedGradients engine = new IntegratedGradients(options);
    assertEquals(IntegrationMethod.EXACT, engine.methodFor(f));
    return engine.explain(f, requests);
  }

  /**
   * {@code count} requests with inputs of scale {@code scale} and {@code baselines} random
   * baselines of the same scale each, or (when {@code baselines} is 0) the zero baseline.
   */
  private static List<PathRequest> requests(
      long seed, int dimension, int count, int baselines, double scale) {
    Random random = new Random(seed);
    List<PathRequest> out = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      double[] x = TestFunctions.randomVector(random, dimension, scale);
      List<double[]> bs = new ArrayList<>();
      for (int j = 0; j < Math.max(1, baselines); j++) {
        bs.add(
            baselines == 0
                ? new double[dimension]
                : TestFunctions.randomVector(random, dimension, scale));
      }
      out.add(new PathRequest(x, bs));
    }
    return out;
  }

  private static void assertDigest(String expected, List<Attribution> results) {
    assertEquals(
        expected, AdaptiveResultsPinTest.digest(results), "the exact integrator's results changed");
  }

  /**
   * A net whose values, gradients and pre-activations are rounded to float and which reports
   * float32 rounding (as a float32 TensorFlow model does), taking at most {@code maxBatch} points
   * per call.
   */
  private record Float32(PiecewiseMlp net, int maxBatch) implements PiecewiseAffineFunction {
    @Override
    public int dimension() {
      return net.dimension();
    }

    @Override
    public int maxBatchPoints() {
      return maxBatch;
    }

    @Override
    public List<KinkLayer> kinkLayers() {
      return net.kinkLayers();
    }

    @Override
    public boolean scalarHead() {
      return net.scalarHead();
    }

    @Override
    public double relativeRounding() {
      return 0x1p-24;
    }

    @Override
    public void evaluate(double[] points, int[] owners, int count, double[] values, double[] g) {
      net.evaluate(points, owners, count, values, g);
      round(values, count);
      round(g, count * dimension());
    }

    @Override
    public void forward(
        double[] points, int[] owners, int count, int first, double[] values, double[] pre) {
      net.forward(points, owners, count, first, values, pre);
      round(values, count);
      round(pre, count * kinkUnits(first));
    }

    private static void round(double[] values, int count) {
      for (int k = 0; k < count; k++) {
        values[k] = (float) values[k];
      }
    }
  }
}
