package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GaussKronrod15Test {

  @Test
  void shouldIntegrateDegree22PolynomialsExactlyWithKronrod() {
    for (int degree = 0; degree <= 22; degree++) {
      assertEquals(1.0 / (degree + 1), kronrod(degree), 1e-14, "degree " + degree);
    }
    // In the centred variable t = 2a - 1, int_0^1 t^24 da = 1/25 is no longer exact.
    assertTrue(Math.abs(centredKronrod(24) - 1.0 / 25) > 1e-10);
  }

  @Test
  void shouldIntegrateDegree13PolynomialsExactlyWithTheEmbeddedGaussRule() {
    for (int degree = 0; degree <= 13; degree++) {
      assertEquals(1.0 / (degree + 1), gauss(degree), 1e-14, "degree " + degree);
    }
    assertTrue(Math.abs(gauss(14) - 1.0 / 15) > 1e-10);
  }

  @Test
  void shouldUseSevenGaussNodesAmongTheFifteen() {
    int gaussNodes = 0;
    for (int j = 0; j < GaussKronrod15.POINTS; j++) {
      gaussNodes += GaussKronrod15.unitGaussWeight(j) > 0 ? 1 : 0;
      assertTrue(GaussKronrod15.unitAlpha(j) > 0 && GaussKronrod15.unitAlpha(j) < 1);
    }
    assertEquals(7, gaussNodes);
  }

  private static double kronrod(int degree) {
    double sum = 0;
    for (int j = 0; j < GaussKronrod15.POINTS; j++) {
      sum += GaussKronrod15.unitKronrodWeight(j) * Math.pow(GaussKronrod15.unitAlpha(j), degree);
    }
    return sum;
  }

  private static double centredKronrod(int degree) {
    double sum = 0;
    for (int j = 0; j < GaussKronrod15.POINTS; j++) {
      double t = 2 * GaussKronrod15.unitAlpha(j) - 1;
      sum += GaussKronrod15.unitKronrodWeight(j) * Math.pow(t, degree);
    }
    return sum;
  }

  private static double gauss(int degree) {
    double sum = 0;
    for (int j = 0; j < GaussKronrod15.POINTS; j++) {
      sum += GaussKronrod15.unitGaussWeight(j) * Math.pow(GaussKronrod15.unitAlpha(j), degree);
    }
    return sum;
  }
}
