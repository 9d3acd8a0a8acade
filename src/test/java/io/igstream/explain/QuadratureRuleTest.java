package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuadratureRuleTest {

  @ParameterizedTest
  @EnumSource(QuadratureRule.class)
  void shouldHaveWeightsSummingToOne(QuadratureRule rule) {
    for (int m : new int[] {2, 3, 7, 16, 50, 101, 1000}) {
      QuadratureNodes nodes = rule.nodes(m);
      assertEquals(m, nodes.size());
      // Exact (BigDecimal) sum, so only the rounding of each weight counts, not the summation's.
      BigDecimal exact = BigDecimal.ZERO;
      for (double weight : nodes.weights()) {
        exact = exact.add(new BigDecimal(weight));
      }
      assertEquals(1.0, exact.doubleValue(), 1e-14, rule + " m=" + m);
      for (double alpha : nodes.alphas()) {
        assertTrue(alpha >= 0 && alpha <= 1, rule + " alpha " + alpha);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = QuadratureRule.class,
      names = {"RIEMANN_LEFT", "RIEMANN_RIGHT", "RIEMANN_MIDDLE", "GAUSS_LEGENDRE"})
  void shouldAcceptOneStepWhereTheRuleAllowsIt(QuadratureRule rule) {
    assertEquals(1.0, rule.nodes(1).weights()[0], 1e-15);
  }

  @Test
  void shouldRejectATrapezoidWithOneStep() {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> QuadratureRule.RIEMANN_TRAPEZOID.nodes(1));
    assertTrue(error.getMessage().contains("at least 2"), error.getMessage());
  }

  @Test
  void shouldPlaceTrapezoidNodesOnBothEndpointsWithHalfWeights() {
    QuadratureNodes nodes = QuadratureRule.RIEMANN_TRAPEZOID.nodes(5);
    assertEquals(0.0, nodes.alphas()[0]);
    assertEquals(1.0, nodes.alphas()[4]);
    assertEquals(0.125, nodes.weights()[0], 1e-16);
    assertEquals(0.25, nodes.weights()[2], 1e-16);
    assertEquals(0.125, nodes.weights()[4], 1e-16);
  }

  @Test
  void shouldIntegratePolynomialsOfDegreeTwoMMinusOneWithGaussLegendre() {
    for (int m : new int[] {1, 2, 3, 5, 8, 13, 20}) {
      QuadratureNodes nodes = QuadratureRule.GAUSS_LEGENDRE.nodes(m);
      for (int degree = 0; degree <= 2 * m - 1; degree++) {
        assertEquals(
            1.0 / (degree + 1), integrate(nodes, degree), 1e-14, "m=" + m + " degree=" + degree);
      }
      // One degree higher is no longer exact: the test can tell a wrong rule apart.
      double centred = 0;
      for (int k = 0; k < m; k++) {
        centred += nodes.weights()[k] * Math.pow(2 * nodes.alphas()[k] - 1, 2 * m);
      }
      // The remainder shrinks like 4^-m, so it is only visible above rounding for small m.
      if (m <= 8) {
        assertTrue(Math.abs(centred - 1.0 / (2 * m + 1)) > 1e-6, "m=" + m);
      }
    }
  }

  @Test
  void shouldComputeGaussLegendreNodesToMachinePrecision() {
    // Two-point rule: nodes (1 -+ 1/sqrt 3)/2, weights 1/2; five-point closed forms from DLMF.
    QuadratureNodes two = QuadratureRule.GAUSS_LEGENDRE.nodes(2);
    assertEquals((1 - 1 / Math.sqrt(3)) / 2, two.alphas()[0], 1e-16);
    assertEquals((1 + 1 / Math.sqrt(3)) / 2, two.alphas()[1], 1e-16);
    QuadratureNodes five = QuadratureRule.GAUSS_LEGENDRE.nodes(5);
    double t = Math.sqrt(5 + 2 * Math.sqrt(10.0 / 7)) / 3;
    assertEquals((1 - t) / 2, five.alphas()[0], 1e-15);
    assertEquals((322 - 13 * Math.sqrt(70)) / 900 / 2, five.weights()[0], 1e-15);
    assertEquals(128.0 / 225 / 2, five.weights()[2], 1e-15);
  }

  @Test
  void shouldCacheGaussLegendreNodeSets() {
    assertSame(GaussLegendre.onUnitInterval(37), GaussLegendre.onUnitInterval(37));
  }

  @Test
  void shouldParseNamesCaseInsensitively() {
    assertEquals(QuadratureRule.GAUSS_LEGENDRE, QuadratureRule.parse("GaussLegendre"));
    assertEquals(QuadratureRule.RIEMANN_TRAPEZOID, QuadratureRule.parse(" riemann_trapezoid "));
    assertEquals(QuadratureRule.RIEMANN_LEFT, IntegrationMethod.parse("RIEMANN_LEFT"));
    assertEquals(IntegrationMethod.ADAPTIVE, IntegrationMethod.parse("adaptive"));
    assertEquals(IntegrationMethod.ADAPTIVE, IntegrationMethod.parse("Adaptive_Kronrod_Trapezoid"));
  }

  @Test
  void shouldListValidNamesWhenParsingFails() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> IntegrationMethod.parse("simpson"));
    for (QuadratureRule rule : QuadratureRule.values()) {
      assertTrue(error.getMessage().contains(rule.publicName()), error.getMessage());
    }
    assertTrue(error.getMessage().contains("adaptive"), error.getMessage());
    IllegalArgumentException ruleError =
        assertThrows(IllegalArgumentException.class, () -> QuadratureRule.parse("adaptive"));
    assertTrue(ruleError.getMessage().contains("gausslegendre"), ruleError.getMessage());
  }

  private static double integrate(QuadratureNodes nodes, int degree) {
    double sum = 0;
    for (int k = 0; k < nodes.size(); k++) {
      sum += nodes.weights()[k] * Math.pow(nodes.alphas()[k], degree);
    }
    return sum;
  }
}
