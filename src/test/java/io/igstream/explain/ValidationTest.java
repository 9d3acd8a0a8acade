package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private static final GradientFunction LINEAR = TestFunctions.linear(new double[] {1, 2, 3}, 0);
  private static final PathRequest GOOD = PathRequest.of(new double[] {1, 2, 3}, new double[3]);

  @Test
  void shouldNameTheRequestWhoseInputHasTheWrongDimension() {
    PathRequest wrong = PathRequest.of(new double[] {1, 2}, new double[2]);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new IntegratedGradients().explain(LINEAR, List.of(GOOD, wrong)));
    assertTrue(error.getMessage().contains("request 1 input"), error.getMessage());
    assertTrue(error.getMessage().contains("expects 3"), error.getMessage());
  }

  @Test
  void shouldNameTheRequestAndFeatureOfANonFiniteValue() {
    PathRequest nan = PathRequest.of(new double[] {1, 2, Double.NaN}, new double[3]);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new IntegratedGradients().explain(LINEAR, List.of(GOOD, GOOD, nan)));
    assertTrue(error.getMessage().contains("request 2 input feature 2"), error.getMessage());

    PathRequest infiniteBaseline =
        new PathRequest(
            new double[3], List.of(new double[3], new double[] {0, Double.NEGATIVE_INFINITY, 0}));
    IllegalArgumentException baseline =
        assertThrows(
            IllegalArgumentException.class,
            () -> new IntegratedGradients().explain(LINEAR, List.of(infiniteBaseline)));
    assertTrue(
        baseline.getMessage().contains("request 0 baseline 1 feature 1"), baseline.getMessage());
  }

  @Test
  void shouldRejectABaselineOfTheWrongDimension() {
    PathRequest wrong = PathRequest.of(new double[3], new double[4]);
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> new IntegratedGradients().explain(LINEAR, List.of(wrong)));
    assertTrue(error.getMessage().contains("request 0 baseline 0 has 4"), error.getMessage());
  }

  @Test
  void shouldRejectARequestWithoutBaselines() {
    assertThrows(IllegalArgumentException.class, () -> new PathRequest(new double[3], List.of()));
  }

  @Test
  void shouldReportANonFiniteModelOutput() {
    GradientFunction broken = TestFunctions.batched(3, (x, g) -> Double.NaN);
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> new IntegratedGradients().explain(broken, List.of(GOOD, GOOD)));
    assertTrue(error.getMessage().contains("request 0"), error.getMessage());
  }

  @Test
  void shouldRejectInvalidOptions() {
    assertThrows(
        IllegalArgumentException.class,
        () -> IgOptions.builder().method(QuadratureRule.GAUSS_LEGENDRE).steps(0).build());
    IllegalArgumentException trapezoid =
        assertThrows(
            IllegalArgumentException.class,
            () -> IgOptions.builder().method("riemann_trapezoid").steps(1).build());
    assertTrue(trapezoid.getMessage().contains("steps >= 2"), trapezoid.getMessage());
    assertThrows(IllegalArgumentException.class, () -> IgOptions.builder().absTol(0).build());
    assertThrows(IllegalArgumentException.class, () -> IgOptions.builder().relTol(-1).build());
    assertThrows(IllegalArgumentException.class, () -> IgOptions.builder().maxSteps(16).build());
  }

  @Test
  void shouldReturnNothingForNoRequests() {
    assertEquals(List.of(), new IntegratedGradients().explain(LINEAR, List.of()));
  }

  @Test
  void shouldDocumentDefaultsInTheOptions() {
    IgOptions defaults = IgOptions.defaults();
    assertEquals(IntegrationMethod.AUTO, defaults.method());
    assertEquals(0.005, defaults.absTol());
    assertEquals(0.01, defaults.relTol());
    assertEquals(2000, defaults.maxSteps());
    assertEquals(NoiseTunnel.NONE, defaults.smoothing().tunnel());
    assertEquals(defaults, defaults.toBuilder().build());
  }
}
