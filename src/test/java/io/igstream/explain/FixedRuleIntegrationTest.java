package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FixedRuleIntegrationTest {
  private static final double[] A = {0.7, -1.1, 0.4, 0.9};
  private static final double[] X = {0.8, -0.5, 1.2, 0.3};
  private static final double[] BASELINE = {0.1, 0.2, -0.3, 0.0};

  @ParameterizedTest
  @EnumSource(QuadratureRule.class)
  void shouldBeExactForLinearModels(QuadratureRule rule) {
    double[] w = {1.5, -2.0, 0.25, 3.0};
    Attribution result = engine(rule, 3).explain(TestFunctions.linear(w, -0.7), request());
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i] * (X[i] - BASELINE[i]), result.attributions()[i], 1e-14, "feature " + i);
    }
    assertEquals(TestFunctions.dot(w, X) - 0.7, result.prediction(), 1e-14);
    assertEquals(TestFunctions.dot(w, BASELINE) - 0.7, result.baselinePrediction(), 1e-14);
    assertEquals(0, result.completenessError(), 1e-14);
    assertEquals(rule.publicName(), result.method());
    assertTrue(result.toleranceMet());
  }

  @ParameterizedTest
  @EnumSource(QuadratureRule.class)
  void shouldShrinkTheErrorAsStepsGrowAtTheRulesOrder(QuadratureRule rule) {
    // Doubling the steps divides the error by ~2 (left, right: first order), ~4 (middle,
    // trapezoid: second order) or much more (Gauss-Legendre), compared with the closed form.
    double expectedFactor =
        switch (rule) {
          case RIEMANN_LEFT, RIEMANN_RIGHT -> 1.8;
          case RIEMANN_MIDDLE, RIEMANN_TRAPEZOID -> 3.6;
          case GAUSS_LEGENDRE -> 50;
        };
    double[] exact = TestFunctions.expDotExactIg(A, X, BASELINE);
    double previous = Double.POSITIVE_INFINITY;
    for (int steps = 2; steps <= 128; steps *= 2) {
      Attribution result = engine(rule, steps).explain(TestFunctions.expDot(A), request());
      double error = TestFunctions.l1Distance(exact, result.attributions());
      // Gauss-Legendre reaches rounding level by 16 steps; below that "shrinking" is noise.
      assertTrue(
          previous / error > expectedFactor || error < 1e-13,
          rule + " steps=" + steps + " error=" + error + " previous=" + previous);
      previous = error;
    }
  }

  @Test
  void shouldReachCompletenessWithinOneMillionthWithGaussLegendre() {
    Random random = new Random(7);
    int hidden = 12;
    int dimension = 6;
    double[][] w = new double[hidden][];
    for (int h = 0; h < hidden; h++) {
      w[h] = TestFunctions.randomVector(random, dimension, 1);
    }
    GradientFunction net =
        TestFunctions.tanhNet(
            w,
            TestFunctions.randomVector(random, hidden, 1),
            TestFunctions.randomVector(random, hidden, 1));
    double[] x = TestFunctions.randomVector(random, dimension, 1);
    Attribution result =
        engine(QuadratureRule.GAUSS_LEGENDRE, 24)
            .explain(net, PathRequest.of(x, new double[dimension]));
    assertTrue(Math.abs(result.completenessError()) < 1e-6, "error " + result.completenessError());
    double[] sumCheck = result.attributions();
    assertEquals(
        result.prediction() - result.baselinePrediction(),
        TestFunctions.sum(sumCheck),
        1e-6,
        "sum of attributions vs F(x) - F(x')");
  }

  @Test
  void shouldReportTheSignedErrorAndFlagItWhenAboveTolerance() {
    // Riemann left underestimates int exp(s t) for s > 0: the error must be negative and large.
    double[] a = {2.0};
    double[] x = {1.0};
    Attribution result =
        new IntegratedGradients(
                IgOptions.builder().method(QuadratureRule.RIEMANN_LEFT).steps(5).build())
            .explain(TestFunctions.expDot(a), PathRequest.of(x, new double[1]));
    double exactDelta = Math.exp(2) - 1;
    double leftSum = 0;
    for (int k = 0; k < 5; k++) {
      leftSum += 2 * Math.exp(2.0 * k / 5) / 5;
    }
    assertEquals(leftSum - exactDelta, result.completenessError(), 1e-12);
    assertEquals((leftSum - exactDelta) / exactDelta, result.relativeCompletenessError(), 1e-12);
    assertTrue(!result.toleranceMet());
  }

  @Test
  void shouldKeepTheRelativeErrorFiniteWhenPredictionsAreEqual() {
    // F(x) = x1 * x2 from (0,0) to (1,0): dF = 0 and IG is exactly 0 with every rule.
    GradientFunction product =
        TestFunctions.batched(
            2,
            (p, g) -> {
              g[0] = p[1];
              g[1] = p[0];
              return p[0] * p[1];
            });
    Attribution result =
        engine(QuadratureRule.RIEMANN_MIDDLE, 4)
            .explain(product, PathRequest.of(new double[] {1, 0}, new double[2]));
    assertEquals(0, result.completenessError(), 0);
    assertTrue(Double.isFinite(result.relativeCompletenessError()));
  }

  @Test
  void shouldCountEndpointEvaluationsOnlyWhenTheRuleLacksThem() {
    GradientFunction f = TestFunctions.expDot(A);
    assertEquals(10, engine(QuadratureRule.RIEMANN_TRAPEZOID, 10).explain(f, request()).steps());
    assertEquals(11, engine(QuadratureRule.RIEMANN_LEFT, 10).explain(f, request()).steps());
    assertEquals(11, engine(QuadratureRule.RIEMANN_RIGHT, 10).explain(f, request()).steps());
    assertEquals(12, engine(QuadratureRule.GAUSS_LEGENDRE, 10).explain(f, request()).steps());
  }

  private static IntegratedGradients engine(QuadratureRule rule, int steps) {
    return new IntegratedGradients(IgOptions.builder().method(rule).steps(steps).build());
  }

  private static PathRequest request() {
    return PathRequest.of(X, BASELINE);
  }
}
