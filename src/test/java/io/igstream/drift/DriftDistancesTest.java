package io.igstream.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Every distance on cases computed by hand (the arithmetic is in the comments). */
class DriftDistancesTest {
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  @Test
  void shouldGiveShareChangeInSharePoints() {
    assertArrayEquals(
        new double[] {0.1, -0.1, 0.0},
        DriftDistances.shareChange(new double[] {0.5, 0.2, 0.3}, new double[] {0.4, 0.3, 0.3}),
        1e-15);
  }

  @Test
  void shouldGiveZeroJensenShannonForIdenticalShares() {
    double[] p = {0.2, 0.3, 0.5};
    assertEquals(0.0, DriftDistances.jensenShannon(p, p.clone()), 0.0);
  }

  @Test
  void shouldGiveOneBitForDisjointShares() {
    // m = (½, ½); KL(p‖m) = 1·log2(1/½) = 1, KL(q‖m) = 1, JSD = (1 + 1)/2 = 1.
    assertEquals(
        1.0, DriftDistances.jensenShannon(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
  }

  @Test
  void shouldUseZeroLogZeroAndBaseTwo() {
    // p = (½, ½), q = (1, 0), m = (¾, ¼).
    // KL(p‖m) = ½·log2(½/¾) + ½·log2(½/¼) = ½·(1 − log2 3) + ½·1
    // KL(q‖m) = 1·log2(4/3) = 2 − log2 3;  the 0·log2(0/¼) term is 0.
    double klP = 0.5 * (1 - LOG2_3) + 0.5;
    double klQ = 2 - LOG2_3;
    double expected = (klP + klQ) / 2; // = 0.3112781...
    assertEquals(
        expected,
        DriftDistances.jensenShannon(new double[] {0.5, 0.5}, new double[] {1, 0}),
        1e-15);
    assertEquals(0.311278124459, expected, 1e-12);
  }

  @Test
  void shouldBeSymmetric() {
    double[] p = {0.1, 0.6, 0.3};
    double[] q = {0.3, 0.3, 0.4};
    assertEquals(DriftDistances.jensenShannon(p, q), DriftDistances.jensenShannon(q, p), 1e-15);
  }

  @Test
  void shouldGiveNdcgOneForTheSameTopKOrder() {
    double[] q = {0.5, 0.3, 0.2};
    double[] p = {0.45, 0.35, 0.2};
    assertEquals(1.0, DriftDistances.ndcgAtK(p, q, 2), 1e-15);
  }

  @Test
  void shouldGradeAReversedRankingByTheReferenceShares() {
    // Window ranks c (0.5), b (0.3) first; reference shares q = (a .5, b .3, c .2).
    // DCG@2  = q_c/log2 2 + q_b/log2 3 = 0.2 + 0.3/log2 3
    // IDCG@2 = q_a/log2 2 + q_b/log2 3 = 0.5 + 0.3/log2 3
    double expected = (0.2 + 0.3 / LOG2_3) / (0.5 + 0.3 / LOG2_3); // = 0.5648...
    assertEquals(
        expected,
        DriftDistances.ndcgAtK(new double[] {0.2, 0.3, 0.5}, new double[] {0.5, 0.3, 0.2}, 2),
        1e-15);
  }

  @Test
  void shouldCapKAtTheFeatureCountAndBreakTiesByFeatureOrder() {
    // Equal window shares rank a, b, c (feature order); reference q = (.2, .3, .5), ideal c, b, a.
    // DCG@3  = .2/1 + .3/log2 3 + .5/2;  IDCG@3 = .5/1 + .3/log2 3 + .2/2.
    double third = 1.0 / 3;
    double expected = (0.2 + 0.3 / LOG2_3 + 0.5 / 2) / (0.5 + 0.3 / LOG2_3 + 0.2 / 2);
    assertEquals(
        expected,
        DriftDistances.ndcgAtK(
            new double[] {third, third, third}, new double[] {0.2, 0.3, 0.5}, 10),
        1e-15);
  }

  @Test
  void shouldRefuseSharesOfDifferentLengthsAndKBelowOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DriftDistances.jensenShannon(new double[] {1}, new double[] {0.5, 0.5}));
    assertThrows(
        IllegalArgumentException.class,
        () -> DriftDistances.ndcgAtK(new double[] {1}, new double[] {1}, 0));
  }
}
