package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchingTest {
  private static final int DIMENSION = 6;

  @Test
  void shouldSendAllEventsOfAFixedRuleInAsFewCallsAsTheBatchLimitAllows() {
    TestFunctions.Counting counting =
        new TestFunctions.Counting(TestFunctions.ReluNet.random(DIMENSION, 8, 1).function(), 100);
    List<PathRequest> requests = requests(25, 2);
    IntegratedGradients engine =
        new IntegratedGradients(
            IgOptions.builder().method(QuadratureRule.GAUSS_LEGENDRE).steps(16).build());
    engine.explain(counting, requests);
    int points = 25 * 2 * (16 + 2);
    assertEquals((points + 99) / 100, counting.calls());
    assertEquals(points, counting.ownersPerCall.stream().mapToInt(owners -> owners.length).sum());
  }

  @Test
  void shouldEvaluateOnceOrFewerPerRefinementRoundAcrossAllEvents() {
    TestFunctions.ReluNet net = TestFunctions.ReluNet.random(DIMENSION, 8, 2);
    List<PathRequest> requests = requests(20, 1);
    TestFunctions.Counting together = new TestFunctions.Counting(net.function(), 1 << 20);
    IntegratedGradients engine = new IntegratedGradients();
    List<Attribution> batched = engine.explain(together, requests);
    int worstAlone = 0;
    for (int r = 0; r < requests.size(); r++) {
      TestFunctions.Counting alone = new TestFunctions.Counting(net.function(), 1 << 20);
      Attribution single = engine.explain(alone, requests.get(r));
      worstAlone = Math.max(worstAlone, alone.calls());
      assertArrayEquals(single.attributions(), batched.get(r).attributions(), 0, "request " + r);
      assertEquals(single.steps(), batched.get(r).steps());
      assertEquals(single.completenessError(), batched.get(r).completenessError(), 0);
    }
    // Rounds run in lockstep: the batch takes as many calls as its slowest event alone.
    assertEquals(worstAlone, together.calls());
  }

  @Test
  void shouldTagEveryPointWithTheIndexOfItsRequest() {
    // F_r(x) = (r + 1) * w.x uses the owner; wrong owners would give wrong attributions.
    double[] w = {1, -1, 2, 0.5, -0.5, 3};
    GradientFunction ownerScaled =
        new GradientFunction() {
          @Override
          public int dimension() {
            return DIMENSION;
          }

          @Override
          public int maxBatchPoints() {
            return 7;
          }

          @Override
          public void evaluate(
              double[] points, int[] owners, int count, double[] values, double[] gradients) {
            for (int k = 0; k < count; k++) {
              double scale = owners[k] + 1;
              double value = 0;
              for (int i = 0; i < DIMENSION; i++) {
                value += scale * w[i] * points[k * DIMENSION + i];
                gradients[k * DIMENSION + i] = scale * w[i];
              }
              values[k] = value;
            }
          }
        };
    List<PathRequest> requests = requests(5, 3);
    for (IntegrationMethod method :
        List.of(IntegrationMethod.ADAPTIVE, QuadratureRule.RIEMANN_MIDDLE)) {
      List<Attribution> results =
          new IntegratedGradients(
                  IgOptions.builder()
                      .method(method)
                      .steps(3)
                      .smoothing(new Smoothing(NoiseTunnel.SMOOTHGRAD, 2, 0, 0))
                      .build())
              .explain(ownerScaled, requests);
      for (int r = 0; r < requests.size(); r++) {
        double[] x = requests.get(r).input();
        List<double[]> baselines = requests.get(r).baselines();
        for (int i = 0; i < DIMENSION; i++) {
          double expected = 0;
          for (double[] baseline : baselines) {
            expected += (r + 1) * w[i] * (x[i] - baseline[i]) / baselines.size();
          }
          assertEquals(expected, results.get(r).attributions()[i], 1e-12, method + " r=" + r);
        }
        assertEquals((r + 1) * TestFunctions.dot(w, x), results.get(r).prediction(), 1e-12);
      }
    }
  }

  @Test
  void shouldBatchNoiseSamplesOfAllEventsTogether() {
    TestFunctions.Counting counting =
        new TestFunctions.Counting(TestFunctions.expDot(new double[DIMENSION]), 1 << 20);
    new IntegratedGradients(
            IgOptions.builder()
                .method(QuadratureRule.RIEMANN_TRAPEZOID)
                .steps(10)
                .smoothing(new Smoothing(NoiseTunnel.VARGRAD, 8, 0.1, 3))
                .build())
        .explain(counting, requests(12, 1));
    assertEquals(1, counting.calls());
    assertEquals(12 + 12 * 8 * 10, counting.ownersPerCall.get(0).length);
  }

  private static List<PathRequest> requests(int count, int baselinesEach) {
    Random random = new Random(count * 31L + baselinesEach);
    List<PathRequest> requests = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      List<double[]> baselines = new ArrayList<>();
      for (int j = 0; j < baselinesEach; j++) {
        baselines.add(TestFunctions.randomVector(random, DIMENSION, 0.3));
      }
      requests.add(new PathRequest(TestFunctions.randomVector(random, DIMENSION, 1), baselines));
    }
    return requests;
  }
}
