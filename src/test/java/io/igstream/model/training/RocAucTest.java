package io.igstream.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RocAucTest {

  @Test
  void shouldGiveOneForPerfectRanking() {
    assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels("0011")), 0.0);
  }

  @Test
  void shouldGiveZeroForReversedRanking() {
    assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels("0011")), 0.0);
  }

  @Test
  void shouldCountTiesAsOneHalf() {
    assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, labels("0101")), 0.0);
  }

  @Test
  void shouldMatchPairCountingOnAMixedExample() {
    // positives 0.35, 0.8; negatives 0.1, 0.4, 0.35: pairs won 1 + 0 + 0.5 + 1 + 1 + 1 = 4.5 of 6
    double[] scores = {0.1, 0.4, 0.35, 0.8, 0.35};
    assertEquals(4.5 / 6.0, RocAuc.of(scores, labels("00011")), 1e-12);
  }

  @Test
  void shouldRejectASingleClass() {
    assertThrows(
        IllegalArgumentException.class, () -> RocAuc.of(new double[] {1, 2}, labels("11")));
  }

  private static boolean[] labels(String bits) {
    boolean[] labels = new boolean[bits.length()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = bits.charAt(i) == '1';
    }
    return labels;
  }
}
