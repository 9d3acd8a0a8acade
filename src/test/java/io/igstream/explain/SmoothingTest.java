package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmoothingTest {
  private static final double[] W = {1.5, -2.0, 0.5};
  private static final double[] X = {0.4, 1.0, -0.7};
  private static final double[] A = {0.6, -0.4, 0.3};

  @Test
  void shouldBeReproducibleForTheSameSeedAndDifferForAnother() {
    GradientFunction f = TestFunctions.expDot(A);
    double[] first =
        smooth(NoiseTunnel.SMOOTHGRAD, 8, 0.3, 42).explain(f, request()).attributions();
    double[] again =
        smooth(NoiseTunnel.SMOOTHGRAD, 8, 0.3, 42).explain(f, request()).attributions();
    double[] other =
        smooth(NoiseTunnel.SMOOTHGRAD, 8, 0.3, 43).explain(f, request()).attributions();
    assertArrayEquals(first, again, 0);
    assertFalse(Arrays.equals(first, other));
  }

  @Test
  void shouldEqualPlainIgWithoutNoise() {
    GradientFunction f = TestFunctions.expDot(A);
    Attribution plain = new IntegratedGradients().explain(f, request());
    Attribution smoothed = smooth(NoiseTunnel.SMOOTHGRAD, 5, 0, 1).explain(f, request());
    assertArrayEquals(plain.attributions(), smoothed.attributions(), 1e-15);
    assertEquals(plain.prediction(), smoothed.prediction(), 0);
    assertEquals(plain.completenessError(), smoothed.completenessError(), 1e-15);
    assertEquals("smoothgrad(adaptive_kronrod_trapezoid)", smoothed.method());
    assertEquals(5 * plain.steps() + 1, smoothed.steps());
  }

  @Test
  void shouldAggregateAsMeanMeanOfSquaresAndVariance() {
    // Same seed, same noise: VarGrad must equal SmoothGrad^2 minus the square of SmoothGrad.
    GradientFunction f = TestFunctions.expDot(A);
    double[] mean = smooth(NoiseTunnel.SMOOTHGRAD, 16, 0.5, 7).explain(f, request()).attributions();
    double[] meanSquare =
        smooth(NoiseTunnel.SMOOTHGRAD_SQ, 16, 0.5, 7).explain(f, request()).attributions();
    double[] variance =
        smooth(NoiseTunnel.VARGRAD, 16, 0.5, 7).explain(f, request()).attributions();
    for (int i = 0; i < X.length; i++) {
      assertEquals(meanSquare[i] - mean[i] * mean[i], variance[i], 1e-12);
      assertTrue(variance[i] >= 0);
      assertTrue(meanSquare[i] >= 0);
    }
  }

  @Test
  void shouldDrawGaussianNoiseOfTheRequestedSpread() {
    // Linear F: IG_i(x + e) = w_i (x_i + e_i), so SmoothGrad -> w_i x_i and VarGrad -> w_i^2 s^2.
    GradientFunction f = TestFunctions.linear(W, 0.2);
    int samples = 4000;
    double sigma = 0.8;
    Attribution mean = smooth(NoiseTunnel.SMOOTHGRAD, samples, sigma, 9).explain(f, request());
    Attribution variance = smooth(NoiseTunnel.VARGRAD, samples, sigma, 9).explain(f, request());
    for (int i = 0; i < W.length; i++) {
      double spread = Math.abs(W[i]) * sigma;
      assertEquals(W[i] * X[i], mean.attributions()[i], 5 * spread / Math.sqrt(samples));
      assertEquals(spread * spread, variance.attributions()[i], 0.1 * spread * spread);
    }
    assertEquals(TestFunctions.dot(W, X) + 0.2, mean.prediction(), 1e-14);
    assertEquals(0.2, mean.baselinePrediction(), 1e-14);
    assertEquals(0, mean.completenessError(), 1e-12);
  }

  @Test
  void shouldReportTheMeanIntegrationErrorOfTheNoisySamples() {
    // Riemann left on exp(a.x) has a known per-sample error; check it against a direct sum.
    GradientFunction f = TestFunctions.expDot(A);
    IntegratedGradients engine =
        new IntegratedGradients(
            IgOptions.builder()
                .method(QuadratureRule.RIEMANN_LEFT)
                .steps(4)
                .smoothing(new Smoothing(NoiseTunnel.SMOOTHGRAD_SQ, 3, 0.0, 1))
                .build());
    Attribution result = engine.explain(f, request());
    Attribution plain =
        new IntegratedGradients(
                IgOptions.builder().method(QuadratureRule.RIEMANN_LEFT).steps(4).build())
            .explain(f, request());
    assertEquals(plain.completenessError(), result.completenessError(), 1e-15);
    assertTrue(Math.abs(result.completenessError()) > 1e-3);
    for (int i = 0; i < X.length; i++) {
      assertEquals(
          plain.attributions()[i] * plain.attributions()[i], result.attributions()[i], 1e-15);
    }
  }

  @Test
  void shouldGiveTheSameNoiseToAnEventAloneOrInABatch() {
    GradientFunction f = TestFunctions.expDot(A);
    IntegratedGradients engine = smooth(NoiseTunnel.VARGRAD, 6, 0.4, 5);
    PathRequest other = PathRequest.of(new double[] {1, 1, 1}, new double[3]);
    List<Attribution> batch = engine.explain(f, List.of(other, request(), other));
    assertArrayEquals(engine.explain(f, request()).attributions(), batch.get(1).attributions(), 0);
  }

  @Test
  void shouldRejectInvalidSmoothingParameters() {
    assertThrows(
        IllegalArgumentException.class, () -> new Smoothing(NoiseTunnel.SMOOTHGRAD, 0, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new Smoothing(NoiseTunnel.SMOOTHGRAD, 4, -1, 1));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> NoiseTunnel.parse("smooth"));
    assertTrue(error.getMessage().contains("vargrad"), error.getMessage());
    assertEquals(NoiseTunnel.SMOOTHGRAD_SQ, NoiseTunnel.parse("SmoothGrad_SQ"));
  }

  private static IntegratedGradients smooth(
      NoiseTunnel tunnel, int samples, double sigma, long seed) {
    return new IntegratedGradients(
        IgOptions.builder().smoothing(new Smoothing(tunnel, samples, sigma, seed)).build());
  }

  private static PathRequest request() {
    return PathRequest.of(X, new double[X.length]);
  }
}
