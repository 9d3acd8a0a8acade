package io.igstream.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A seeded, endless stream of synthetic card transactions for the fraud demo: legitimate traffic
 * and four fraud patterns ({@link FraudPattern}), already encoded as the 30 model features of
 * {@link TransactionFeature}.
 *
 * <p>The same seed and the same sequence of mixes give the same transactions ({@link Random} is
 * specified exactly, so across JVMs too). The {@link TrafficMix} can be switched while the stream
 * runs ({@link #setMix}), e.g. to inject drift; that swap is safe from another thread, but {@link
 * #next()} itself must be called from one thread at a time.
 */
public final class FraudTransactions {
  private static final long BASELINE_SALT = 0x5DEECE66DL;

  private final long seed;
  private final RandomDraws draws;
  private volatile TrafficMix mix;

  /** A stream with the default mix ({@link TrafficMix#defaults()}: 2 % fraud). */
  public FraudTransactions(long seed) {
    this(seed, TrafficMix.defaults());
  }

  /** A stream with the given mix. */
  public FraudTransactions(long seed, TrafficMix mix) {
    this.seed = seed;
    this.draws = new RandomDraws(new Random(seed));
    this.mix = Objects.requireNonNull(mix, "mix");
  }

  /** The 30 feature names in model input order. */
  public static List<String> featureNames() {
    return TransactionFeature.names();
  }

  /** The mix the next transactions are drawn from. */
  public TrafficMix mix() {
    return mix;
  }

  /** Switches the mix from the next transaction on. */
  public void setMix(TrafficMix newMix) {
    this.mix = Objects.requireNonNull(newMix, "newMix");
  }

  /**
   * Keeps the fraud rate and switches the fraud pattern weights (keys as in {@link
   * FraudPattern#key()}).
   */
  public void setPatternWeights(Map<String, Double> weightsByKey) {
    setMix(mix.withPatternWeights(weightsByKey));
  }

  /** Keeps the pattern weights and switches the fraud rate. */
  public void setFraudRate(double fraudRate) {
    setMix(mix.withFraudRate(fraudRate));
  }

  /** The next transaction, fraud with probability {@code mix().fraudRate()}. */
  public Transaction next() {
    TrafficMix current = mix;
    FraudPattern pattern = FraudPattern.LEGIT;
    if (draws.chance(current.fraudRate())) {
      pattern = pickFraudPattern(current);
    }
    return draw(pattern);
  }

  /** The next transaction of the given pattern, ignoring the mix. */
  public Transaction next(FraudPattern pattern) {
    return draw(pattern);
  }

  /** The next {@code count} transactions. */
  public List<Transaction> next(int count) {
    List<Transaction> batch = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      batch.add(next());
    }
    return batch;
  }

  /**
   * The mean feature vector of {@code samples} legitimate transactions: a "typical legitimate
   * transaction" baseline for Integrated Gradients. Drawn from its own generator derived from the
   * seed, so it neither depends on nor disturbs the position of this stream.
   */
  public double[] legitMean(int samples) {
    if (samples <= 0) {
      throw new IllegalArgumentException("samples must be positive: " + samples);
    }
    RandomDraws baselineDraws = new RandomDraws(new Random(seed ^ BASELINE_SALT));
    double[] sum = new double[TransactionFeature.count()];
    for (int i = 0; i < samples; i++) {
      double[] features = FeatureEncoder.encode(LegitTraffic.draw(baselineDraws));
      for (int j = 0; j < sum.length; j++) {
        sum[j] += features[j];
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= samples;
    }
    return sum;
  }

  private FraudPattern pickFraudPattern(TrafficMix current) {
    List<FraudPattern> patterns = FraudPattern.fraudPatterns();
    double[] weights = new double[patterns.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = current.patternWeights().getOrDefault(patterns.get(i), 0.0);
    }
    return patterns.get(draws.pick(weights));
  }

  private Transaction draw(FraudPattern pattern) {
    RawTransaction raw = LegitTraffic.draw(draws);
    FraudPatternEffects.apply(pattern, raw, draws);
    return new Transaction(FeatureEncoder.encode(raw), pattern.isFraud(), pattern.key());
  }
}
