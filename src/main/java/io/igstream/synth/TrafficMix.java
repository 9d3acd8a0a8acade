package io.igstream.synth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What share of the traffic is fraud and how the fraud splits over the patterns. Immutable: the
 * {@code with...} methods return a new mix, which a running {@link FraudTransactions} can switch to
 * (for example to inject drift into a stream).
 *
 * @param fraudRate probability that a transaction is fraud, in [0, 1]
 * @param patternWeights relative weights of the fraud patterns (need not sum to 1); a pattern that
 *     is absent has weight 0
 */
public record TrafficMix(double fraudRate, Map<FraudPattern, Double> patternWeights) {

  /** The default fraud rate of {@link #defaults()}: 2 % of transactions. */
  public static final double DEFAULT_FRAUD_RATE = 0.02;

  /** Validates and copies the weights. */
  public TrafficMix {
    if (!(fraudRate >= 0.0 && fraudRate <= 1.0)) {
      throw new IllegalArgumentException("fraudRate must lie in [0, 1]: " + fraudRate);
    }
    EnumMap<FraudPattern, Double> copy = new EnumMap<>(FraudPattern.class);
    double total = 0.0;
    for (Map.Entry<FraudPattern, Double> entry : patternWeights.entrySet()) {
      double weight = entry.getValue();
      if (!entry.getKey().isFraud()) {
        throw new IllegalArgumentException("Only fraud patterns take weights: " + entry.getKey());
      }
      if (!(weight >= 0.0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("Weight must be finite and >= 0: " + entry);
      }
      copy.put(entry.getKey(), weight);
      total += weight;
    }
    if (fraudRate > 0.0 && !(total > 0.0)) {
      throw new IllegalArgumentException("At least one fraud pattern needs a positive weight");
    }
    patternWeights = Collections.unmodifiableMap(copy);
  }

  /** 2 % fraud: 35 % account takeover, 25 % card testing, 20 % bust-out, 20 % impossible travel. */
  public static TrafficMix defaults() {
    return new TrafficMix(
        DEFAULT_FRAUD_RATE,
        Map.of(
            FraudPattern.ACCOUNT_TAKEOVER, 0.35,
            FraudPattern.CARD_TESTING, 0.25,
            FraudPattern.BUST_OUT, 0.20,
            FraudPattern.IMPOSSIBLE_TRAVEL, 0.20));
  }

  /** The same pattern weights with another fraud rate. */
  public TrafficMix withFraudRate(double rate) {
    return new TrafficMix(rate, patternWeights);
  }

  /** The same fraud rate with other pattern weights. */
  public TrafficMix withWeights(Map<FraudPattern, Double> weights) {
    return new TrafficMix(fraudRate, weights);
  }

  /**
   * The same fraud rate with pattern weights keyed by {@link FraudPattern#key()}, e.g. {@code
   * {"card_testing": 1.0}} for a card-testing wave.
   */
  public TrafficMix withPatternWeights(Map<String, Double> weightsByKey) {
    EnumMap<FraudPattern, Double> weights = new EnumMap<>(FraudPattern.class);
    weightsByKey.forEach((key, weight) -> weights.put(FraudPattern.fromKey(key), weight));
    return new TrafficMix(fraudRate, weights);
  }

  /** The probability that a fraud transaction follows {@code pattern}. */
  public double patternShare(FraudPattern pattern) {
    double total = patternWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    return total > 0.0 ? patternWeights.getOrDefault(pattern, 0.0) / total : 0.0;
  }
}
