package io.igstream.synth;

import java.util.Random;

/** The few distributions the generator draws from, all on one seeded {@link Random}. */
final class RandomDraws {
  private final Random random;

  RandomDraws(Random random) {
    this.random = random;
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  /** Uniform in [{@code low}, {@code high}). */
  double uniform(double low, double high) {
    return low + (high - low) * random.nextDouble();
  }

  /** Normal with the given mean and standard deviation. */
  double normal(double mean, double sd) {
    return mean + sd * random.nextGaussian();
  }

  /** Log-normal with the given median and log-scale standard deviation. */
  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  /** A score in (0, 1): the logistic function of a normal draw. */
  double score(double logitMean, double logitSd) {
    return 1.0 / (1.0 + Math.exp(-normal(logitMean, logitSd)));
  }

  /** Poisson by inversion (Knuth); fine for the small means used here. */
  int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  /** An index drawn with probability proportional to {@code weights[i]}. */
  int pick(double[] weights) {
    double total = 0.0;
    for (double weight : weights) {
      total += weight;
    }
    double target = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0.0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
