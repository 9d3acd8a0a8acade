package io.igstream.drift;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Running sums of attributions, per feature: the event count, {@code Σ|a_i|} and {@code Σa_i}.
 * Mergeable (sums add), so partial profiles of any split of the events combine into the profile of
 * all of them, in any order. Not thread-safe.
 */
public final class ProfileAccumulator {
  private final List<String> featureNames;
  private long count;
  private final double[] sumAbs;
  private final double[] sum;

  /** An empty accumulator over these features. */
  public ProfileAccumulator(List<String> featureNames) {
    this(featureNames, 0, new double[featureNames.size()], new double[featureNames.size()]);
  }

  /** An accumulator restored from its sums (e.g. read back from a state store). */
  public ProfileAccumulator(List<String> featureNames, long count, double[] sumAbs, double[] sum) {
    this.featureNames = List.copyOf(featureNames);
    if (featureNames.isEmpty()) {
      throw new IllegalArgumentException("a profile needs at least one feature");
    }
    if (sumAbs.length != featureNames.size() || sum.length != featureNames.size()) {
      throw new IllegalArgumentException(
          "sums of "
              + sumAbs.length
              + " and "
              + sum.length
              + " values for "
              + featureNames.size()
              + " features");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0: " + count);
    }
    this.count = count;
    this.sumAbs = sumAbs.clone();
    this.sum = sum.clone();
  }

  /**
   * Adds one event's attributions.
   *
   * @throws IllegalArgumentException when the length differs or a value is not finite
   */
  public void add(double[] attributions) {
    if (attributions.length != sum.length) {
      throw new IllegalArgumentException(
          attributions.length + " attributions for a profile of " + sum.length + " features");
    }
    for (double a : attributions) {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException("attribution is not finite: " + a);
      }
    }
    for (int i = 0; i < attributions.length; i++) {
      sumAbs[i] += Math.abs(attributions[i]);
      sum[i] += attributions[i];
    }
    count++;
  }

  /** Adds another accumulator's sums (same features, same order). */
  public void merge(ProfileAccumulator other) {
    if (!featureNames.equals(other.featureNames)) {
      throw new IllegalArgumentException(
          "cannot merge profiles of different features: "
              + featureNames
              + " vs "
              + other.featureNames);
    }
    for (int i = 0; i < sum.length; i++) {
      sumAbs[i] += other.sumAbs[i];
      sum[i] += other.sum[i];
    }
    count += other.count;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public long count() {
    return count;
  }

  public double[] sumAbs() {
    return sumAbs.clone();
  }

  public double[] sum() {
    return sum.clone();
  }

  /**
   * The profile of the events added so far.
   *
   * @throws IllegalStateException when no event was added (a mean of nothing)
   */
  public AttributionProfile profile() {
    if (count == 0) {
      throw new IllegalStateException("no events in the profile");
    }
    double[] meanAbs = new double[sum.length];
    double[] mean = new double[sum.length];
    for (int i = 0; i < sum.length; i++) {
      meanAbs[i] = sumAbs[i] / count;
      mean[i] = sum[i] / count;
    }
    return AttributionProfile.of(featureNames, count, meanAbs, mean);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProfileAccumulator p
        && count == p.count
        && featureNames.equals(p.featureNames)
        && Arrays.equals(sumAbs, p.sumAbs)
        && Arrays.equals(sum, p.sum);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, count, Arrays.hashCode(sumAbs), Arrays.hashCode(sum));
  }
}
