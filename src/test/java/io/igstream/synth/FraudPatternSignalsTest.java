package io.igstream.synth;

import static io.igstream.synth.TransactionFeature.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fraud pattern must move its own features away from legitimate traffic. */
class FraudPatternSignalsTest {
  private static final int SAMPLES = 4000;
  private static final double[][] MEANS = new double[FraudPattern.values().length][];

  @BeforeAll
  static void drawEveryPattern() {
    FraudTransactions stream = new FraudTransactions(11);
    for (FraudPattern pattern : FraudPattern.values()) {
      double[] sum = new double[TransactionFeature.count()];
      for (int i = 0; i < SAMPLES; i++) {
        double[] f = stream.next(pattern).features();
        for (int j = 0; j < f.length; j++) {
          sum[j] += f[j] / SAMPLES;
        }
      }
      MEANS[pattern.ordinal()] = sum;
    }
  }

  @Test
  void shouldDriveDeviceAndLoginSignalsInAccountTakeover() {
    assertRaised(FraudPattern.ACCOUNT_TAKEOVER, DEVICE_IS_NEW, 0.5);
    assertRaised(FraudPattern.ACCOUNT_TAKEOVER, DEVICE_IP_MISMATCH, 0.4);
    assertRaised(FraudPattern.ACCOUNT_TAKEOVER, PASSWORD_RESET_RECENT, 0.4);
    assertRaised(FraudPattern.ACCOUNT_TAKEOVER, SHIPPING_BILLING_MISMATCH, 0.4);
  }

  @Test
  void shouldDriveTinyAmountBurstsInCardTesting() {
    assertRaised(FraudPattern.CARD_TESTING, CARD_TESTING_PATTERN, 1.5);
    assertRaised(FraudPattern.CARD_TESTING, TXN_COUNT_1H, 1.0);
    assertLowered(FraudPattern.CARD_TESTING, AMOUNT, 1.5);
  }

  @Test
  void shouldDriveAmountsAndVelocityInBustOut() {
    assertRaised(FraudPattern.BUST_OUT, AMOUNT_VS_ACCOUNT_AVG, 1.0);
    assertRaised(FraudPattern.BUST_OUT, VELOCITY_AMOUNT_24H, 1.0);
    assertLowered(FraudPattern.BUST_OUT, ACCOUNT_AGE_DAYS, 0.8);
  }

  @Test
  void shouldDriveGeographyInImpossibleTravel() {
    assertRaised(FraudPattern.IMPOSSIBLE_TRAVEL, GEO_VELOCITY_KMH, 3.0);
    assertRaised(FraudPattern.IMPOSSIBLE_TRAVEL, GEO_DISTANCE_FROM_HOME_KM, 3.0);
    assertRaised(FraudPattern.IMPOSSIBLE_TRAVEL, GEO_COUNTRY_MISMATCH, 0.5);
  }

  @Test
  void shouldLeaveOtherPatternsSignalsAlone() {
    // card testing does not look like travel, travel does not look like a takeover
    assertUnmoved(FraudPattern.CARD_TESTING, GEO_VELOCITY_KMH, 1.0);
    assertUnmoved(FraudPattern.IMPOSSIBLE_TRAVEL, PASSWORD_RESET_RECENT, 0.05);
    assertUnmoved(FraudPattern.BUST_OUT, CARD_TESTING_PATTERN, 0.1);
  }

  private static double gap(FraudPattern pattern, TransactionFeature feature) {
    return MEANS[pattern.ordinal()][feature.ordinal()]
        - MEANS[FraudPattern.LEGIT.ordinal()][feature.ordinal()];
  }

  private static void assertUnmoved(FraudPattern p, TransactionFeature f, double within) {
    assertTrue(Math.abs(gap(p, f)) < within, p + " should leave " + f + " alone: " + gap(p, f));
  }

  private static void assertRaised(FraudPattern p, TransactionFeature f, double atLeast) {
    assertTrue(
        gap(p, f) > atLeast, p + " should raise " + f + " by > " + atLeast + ": " + gap(p, f));
  }

  private static void assertLowered(FraudPattern p, TransactionFeature f, double atLeast) {
    assertTrue(
        gap(p, f) < -atLeast, p + " should lower " + f + " by > " + atLeast + ": " + gap(p, f));
  }
}
