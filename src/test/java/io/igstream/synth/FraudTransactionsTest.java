package io.igstream.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FraudTransactionsTest {

  @Test
  void shouldRepeatTheSameStreamForTheSameSeed() {
    assertEquals(new FraudTransactions(7).next(500), new FraudTransactions(7).next(500));
  }

  @Test
  void shouldDrawDifferentStreamsForDifferentSeeds() {
    assertNotEquals(new FraudTransactions(7).next(50), new FraudTransactions(8).next(50));
  }

  @Test
  void shouldNameExactlyThirtyDistinctFeatures() {
    List<String> names = FraudTransactions.featureNames();
    assertEquals(30, names.size());
    assertEquals(30, new HashSet<>(names).size());
    assertEquals("amount", names.get(0));
  }

  @Test
  void shouldEmitThirtyFiniteFeaturesForEveryPattern() {
    FraudTransactions stream = new FraudTransactions(1);
    for (FraudPattern pattern : FraudPattern.values()) {
      for (int i = 0; i < 2000; i++) {
        double[] features = stream.next(pattern).features();
        assertEquals(30, features.length);
        for (int j = 0; j < features.length; j++) {
          assertTrue(Double.isFinite(features[j]), pattern + " feature " + j + " not finite");
        }
      }
    }
  }

  @Test
  void shouldHitTheConfiguredFraudRate() {
    FraudTransactions stream = new FraudTransactions(3, TrafficMix.defaults().withFraudRate(0.10));
    int n = 40_000;
    long fraud = stream.next(n).stream().filter(Transaction::fraud).count();
    // binomial sd = sqrt(0.1 * 0.9 / 40000) = 0.0015; allow 4 sd
    assertEquals(0.10, fraud / (double) n, 0.006);
  }

  @Test
  void shouldLabelOnlyFraudPatternsAsFraud() {
    for (Transaction t :
        new FraudTransactions(4, TrafficMix.defaults().withFraudRate(0.5)).next(2000)) {
      assertEquals(!t.pattern().equals("legit"), t.fraud());
    }
  }

  @Test
  void shouldFollowPatternWeightsSwitchedAtRunTime() {
    FraudTransactions stream = new FraudTransactions(5, TrafficMix.defaults().withFraudRate(1.0));
    Set<String> before = patternsOf(stream.next(2000));
    stream.setPatternWeights(Map.of("card_testing", 1.0));
    Set<String> after = patternsOf(stream.next(2000));
    assertEquals(
        Set.of("account_takeover", "card_testing", "bust_out", "impossible_travel"), before);
    assertEquals(Set.of("card_testing"), after);
  }

  @Test
  void shouldRejectUnknownPatternKeys() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TrafficMix.defaults().withPatternWeights(Map.of("phishing", 1.0)));
  }

  @Test
  void shouldComputeALegitBaselineWithoutMovingTheStream() {
    FraudTransactions stream = new FraudTransactions(9);
    double[] baseline = stream.legitMean(5000);
    assertEquals(new FraudTransactions(9).next(10), stream.next(10));
    assertArrayEquals(baseline, new FraudTransactions(9).legitMean(5000));
    double meanCardPresent = baseline[TransactionFeature.IS_CARD_PRESENT.ordinal()];
    assertTrue(meanCardPresent > 0.3 && meanCardPresent < 0.9, "card present " + meanCardPresent);
  }

  @Test
  void shouldKeepTransactionsImmutable() {
    Transaction t = new FraudTransactions(2).next();
    double before = t.feature(TransactionFeature.AMOUNT);
    t.features()[0] = -1.0;
    assertEquals(before, t.feature(TransactionFeature.AMOUNT));
  }

  private static Set<String> patternsOf(List<Transaction> transactions) {
    Set<String> patterns = new HashSet<>();
    transactions.forEach(t -> patterns.add(t.pattern()));
    return patterns;
  }
}
