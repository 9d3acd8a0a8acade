package io.igstream.synth;

import java.util.Arrays;

/**
 * One synthetic card transaction: the engineered feature vector (in {@link TransactionFeature}
 * order), its label and the pattern that produced it.
 *
 * <p>The feature array is copied on the way in and out, so a transaction is immutable.
 */
public record Transaction(double[] features, boolean fraud, String pattern) {

  /** Copies {@code features}; {@code fraud} must agree with the pattern. */
  public Transaction {
    if (features.length != TransactionFeature.count()) {
      throw new IllegalArgumentException(
          "Expected " + TransactionFeature.count() + " features, got " + features.length);
    }
    if (FraudPattern.fromKey(pattern).isFraud() != fraud) {
      throw new IllegalArgumentException("Label " + fraud + " contradicts pattern " + pattern);
    }
    features = features.clone();
  }

  /** A copy of the feature vector. */
  @Override
  public double[] features() {
    return features.clone();
  }

  /** One feature value without copying the vector. */
  public double feature(TransactionFeature feature) {
    return features[feature.ordinal()];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Transaction that
        && fraud == that.fraud
        && pattern.equals(that.pattern)
        && Arrays.equals(features, that.features);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(features) + Boolean.hashCode(fraud)) + pattern.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[pattern=" + pattern + ", features=" + Arrays.toString(features) + "]";
  }
}
