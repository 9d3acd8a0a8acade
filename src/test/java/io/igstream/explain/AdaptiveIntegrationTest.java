package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveIntegrationTest {

  @Test
  void shouldBeExactForLinearModels() {
    double[] w = {1.5, -2.0, 0.25};
    double[] x = {0.3, 0.9, -4.0};
    double[] baseline = {1.0, -1.0, 2.0};
    Attribution result =
        new IntegratedGradients().explain(TestFunctions.linear(w, 2), PathRequest.of(x, baseline));
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i] * (x[i] - baseline[i]), result.attributions()[i], 1e-14);
    }
    assertEquals(AdaptiveIntegrator.INITIAL_STEPS, result.steps());
    assertEquals("adaptive_kronrod_trapezoid", result.method());
    assertTrue(result.toleranceMet());
  }

  @Test
  void shouldUseFarFewerEvaluationsThanTheBudgetOnSmoothFunctions() {
    double[] a = {0.7, -1.1, 0.4, 0.9};
    double[] x = {0.8, -0.5, 1.2, 0.3};
    double[] baseline = {0.1, 0.2, -0.3, 0.0};
    Attribution result =
        new IntegratedGradients(IgOptions.builder().absTol(1e-10).relTol(0).build())
            .explain(TestFunctions.expDot(a), PathRequest.of(x, baseline));
    assertTrue(result.toleranceMet());
    assertTrue(result.steps() <= 77, "steps " + result.steps());
    double[] exact = TestFunctions.expDotExactIg(a, x, baseline);
    assertTrue(TestFunctions.l1Distance(exact, result.attributions()) < 1e-10);
  }

  @Test
  void shouldReachCompletenessWithinOneMillionthOnASmoothNetwork() {
    Random random = new Random(11);
    int hidden = 16;
    int dimension = 5;
    double[][] w = new double[hidden][];
    for (int h = 0; h < hidden; h++) {
      w[h] = TestFunctions.randomVector(random, dimension, 2);
    }
    GradientFunction net =
        TestFunctions.tanhNet(
            w,
            TestFunctions.randomVector(random, hidden, 1),
            TestFunctions.randomVector(random, hidden, 1));
    double[] x = TestFunctions.randomVector(random, dimension, 2);
    Attribution result =
        new IntegratedGradients(IgOptions.builder().absTol(1e-8).relTol(0).build())
            .explain(net, PathRequest.of(x, new double[dimension]));
    assertTrue(result.toleranceMet());
    assertTrue(Math.abs(result.completenessError()) < 1e-6, "error " + result.completenessError());
    assertEquals(
        result.prediction() - result.baselinePrediction(),
        TestFunctions.sum(result.attributions()),
        1e-6);
    assertTrue(result.steps() < IgOptions.DEFAULT_MAX_STEPS / 4, "steps " + result.steps());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void shouldMeetTheToleranceOnAReluNetAndAgreeWithExactPiecewiseIntegration(long seed) {
    TestFunctions.ReluNet net = TestFunctions.ReluNet.random(8, 16, seed);
    double[] x = TestFunctions.randomVector(new Random(seed + 100), 8, 1);
    double[] baseline = new double[8];
    double tolerance = 0.005;
    Attribution result =
        new IntegratedGradients(IgOptions.builder().absTol(tolerance).relTol(0).build())
            .explain(net.function(), PathRequest.of(x, baseline));
    assertTrue(result.toleranceMet());
    assertTrue(Math.abs(result.completenessError()) <= tolerance);
    double error = TestFunctions.l1Distance(net.exactIg(x, baseline), result.attributions());
    assertTrue(error <= tolerance, "L1 distance to exact IG " + error);
    assertTrue(result.steps() <= IgOptions.DEFAULT_MAX_STEPS, "steps " + result.steps());
  }

  @Test
  void shouldAgreeWithAHighResolutionRiemannSumOnATwoHiddenLayerReluNet() {
    Random random = new Random(5);
    int dimension = 4;
    int hidden = 8;
    double[][] w1 = new double[hidden][];
    double[][] w2 = new double[hidden][];
    for (int h = 0; h < hidden; h++) {
      w1[h] = TestFunctions.randomVector(random, dimension, 1);
      w2[h] = TestFunctions.randomVector(random, hidden, 1);
    }
    double[] b1 = TestFunctions.randomVector(random, hidden, 0.5);
    double[] b2 = TestFunctions.randomVector(random, hidden, 0.5);
    double[] v = TestFunctions.randomVector(random, hidden, 1);
    TestFunctions.PointFunction deepRelu =
        (p, g) -> {
          double[] z1 = new double[hidden];
          double[] delta2 = new double[hidden];
          double f = 0;
          for (int h = 0; h < hidden; h++) {
            z1[h] = Math.max(0, TestFunctions.dot(w1[h], p) + b1[h]);
          }
          for (int h = 0; h < hidden; h++) {
            double z2 = TestFunctions.dot(w2[h], z1) + b2[h];
            if (z2 > 0) {
              f += v[h] * z2;
              delta2[h] = v[h];
            }
          }
          java.util.Arrays.fill(g, 0);
          for (int k = 0; k < hidden; k++) {
            if (z1[k] > 0) {
              double back = 0;
              for (int h = 0; h < hidden; h++) {
                back += delta2[h] * w2[h][k];
              }
              for (int i = 0; i < dimension; i++) {
                g[i] += back * w1[k][i];
              }
            }
          }
          return f;
        };
    double[] x = TestFunctions.randomVector(random, dimension, 1.5);
    double[] baseline = TestFunctions.randomVector(random, dimension, 0.5);
    double tolerance = 0.002;
    Attribution result =
        new IntegratedGradients(IgOptions.builder().absTol(tolerance).relTol(0).build())
            .explain(TestFunctions.batched(dimension, deepRelu), PathRequest.of(x, baseline));

    int n = 200_000;
    double[] integral = new double[dimension];
    double[] point = new double[dimension];
    double[] gradient = new double[dimension];
    for (int k = 0; k < n; k++) {
      double alpha = (k + 0.5) / n;
      for (int i = 0; i < dimension; i++) {
        point[i] = baseline[i] + alpha * (x[i] - baseline[i]);
      }
      deepRelu.apply(point, gradient);
      for (int i = 0; i < dimension; i++) {
        integral[i] += gradient[i] / n;
      }
    }
    double[] reference = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      reference[i] = (x[i] - baseline[i]) * integral[i];
    }
    assertTrue(result.toleranceMet());
    double error = TestFunctions.l1Distance(reference, result.attributions());
    assertTrue(error <= tolerance, "L1 distance to the Riemann reference " + error);
  }

  @Test
  void shouldRefineWhenCompletenessHidesWrongAttributions() {
    // F = relu(x1 - c) - relu(x2 - c) from 0 to (1,1): F(x) = F(x') = 0 and the two features'
    // quadrature errors cancel exactly, so a single panel is "complete" but wrong.
    double c = 0.37;
    GradientFunction cancelling =
        TestFunctions.batched(
            2,
            (p, g) -> {
              g[0] = p[0] > c ? 1 : 0;
              g[1] = p[1] > c ? -1 : 0;
              return Math.max(0, p[0] - c) - Math.max(0, p[1] - c);
            });
    double tolerance = 0.001;
    Attribution result =
        new IntegratedGradients(IgOptions.builder().absTol(tolerance).relTol(0).build())
            .explain(cancelling, PathRequest.of(new double[] {1, 1}, new double[2]));
    assertTrue(result.steps() > AdaptiveIntegrator.INITIAL_STEPS);
    assertTrue(result.toleranceMet());
    assertEquals(1 - c, result.attributions()[0], tolerance);
    assertEquals(-(1 - c), result.attributions()[1], tolerance);
  }

  @Test
  void shouldStopAtTheBudgetAndSayTheToleranceWasNotMet() {
    TestFunctions.ReluNet net = TestFunctions.ReluNet.random(20, 64, 1);
    double[] x = TestFunctions.randomVector(new Random(101), 20, 1);
    double[] baseline = new double[20];
    int budget = 200;
    Attribution result =
        new IntegratedGradients(IgOptions.builder().absTol(1e-6).relTol(0).maxSteps(budget).build())
            .explain(net.function(), PathRequest.of(x, baseline));
    assertFalse(result.toleranceMet());
    assertTrue(result.steps() <= budget, "steps " + result.steps());
    assertTrue(result.steps() > budget - 30, "steps " + result.steps());
    // The best estimate so far is returned: better than the first panel alone.
    Attribution firstPanel =
        new IntegratedGradients(
                IgOptions.builder()
                    .absTol(1e-6)
                    .relTol(0)
                    .maxSteps(AdaptiveIntegrator.INITIAL_STEPS)
                    .build())
            .explain(net.function(), PathRequest.of(x, baseline));
    double[] exact = net.exactIg(x, baseline);
    assertTrue(
        TestFunctions.l1Distance(exact, result.attributions())
            < TestFunctions.l1Distance(exact, firstPanel.attributions()) / 2);
  }
}
