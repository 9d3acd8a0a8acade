package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectedIgTest {
  private static final int DIMENSION = 5;
  private static final int HIDDEN = 10;

  @Test
  void shouldBeCompleteAgainstTheMeanBaselinePrediction() {
    Random random = new Random(3);
    TestFunctions.PointFunction pointNet = tanhNet(random);
    GradientFunction net = TestFunctions.batched(DIMENSION, pointNet);
    double[] x = TestFunctions.randomVector(random, DIMENSION, 1);
    List<double[]> baselines = baselines(random);
    Attribution result =
        new IntegratedGradients(
                IgOptions.builder().method(QuadratureRule.GAUSS_LEGENDRE).steps(32).build())
            .explain(net, PathRequest.of(x, new Baseline.Expected(baselines)));
    double meanBaseline = 0;
    for (double[] baseline : baselines) {
      meanBaseline += pointNet.apply(baseline, new double[DIMENSION]) / baselines.size();
    }
    double prediction = pointNet.apply(x, new double[DIMENSION]);
    assertEquals(meanBaseline, result.baselinePrediction(), 1e-12);
    assertEquals(prediction, result.prediction(), 1e-12);
    assertEquals(prediction - meanBaseline, TestFunctions.sum(result.attributions()), 1e-6);
    assertEquals(
        TestFunctions.sum(result.attributions()) - (prediction - meanBaseline),
        result.completenessError(),
        1e-12);
  }

  @Test
  void shouldEqualTheAverageOfSingleBaselineIgForEveryMethod() {
    Random random = new Random(4);
    GradientFunction net = TestFunctions.batched(DIMENSION, tanhNet(random));
    double[] x = TestFunctions.randomVector(random, DIMENSION, 1);
    List<double[]> baselines = baselines(random);
    for (IntegrationMethod method :
        List.of(IntegrationMethod.ADAPTIVE, QuadratureRule.RIEMANN_TRAPEZOID)) {
      IntegratedGradients engine =
          new IntegratedGradients(IgOptions.builder().method(method).steps(20).build());
      Attribution expected = engine.explain(net, new PathRequest(x, baselines));
      double[] average = new double[DIMENSION];
      int steps = 0;
      for (double[] baseline : baselines) {
        Attribution single = engine.explain(net, PathRequest.of(x, baseline));
        for (int i = 0; i < DIMENSION; i++) {
          average[i] += single.attributions()[i] / baselines.size();
        }
        steps += single.steps();
      }
      for (int i = 0; i < DIMENSION; i++) {
        assertEquals(average[i], expected.attributions()[i], 1e-12, method + " feature " + i);
      }
      assertEquals(steps, expected.steps(), method.publicName());
      assertTrue(expected.toleranceMet() || method instanceof QuadratureRule);
    }
  }

  private static List<double[]> baselines(Random random) {
    return List.of(
        TestFunctions.randomVector(random, DIMENSION, 0.5),
        TestFunctions.randomVector(random, DIMENSION, 0.5),
        new double[DIMENSION],
        TestFunctions.randomVector(random, DIMENSION, 0.5));
  }

  private static TestFunctions.PointFunction tanhNet(Random random) {
    double[][] w = new double[HIDDEN][];
    for (int h = 0; h < HIDDEN; h++) {
      w[h] = TestFunctions.randomVector(random, DIMENSION, 1);
    }
    double[] b = TestFunctions.randomVector(random, HIDDEN, 1);
    double[] v = TestFunctions.randomVector(random, HIDDEN, 1);
    return (x, g) -> {
      java.util.Arrays.fill(g, 0);
      double f = 0;
      for (int h = 0; h < HIDDEN; h++) {
        double t = Math.tanh(TestFunctions.dot(w[h], x) + b[h]);
        f += v[h] * t;
        for (int i = 0; i < DIMENSION; i++) {
          g[i] += v[h] * (1 - t * t) * w[h][i];
        }
      }
      return f;
    };
  }
}
