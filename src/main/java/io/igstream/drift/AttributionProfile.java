package io.igstream.drift;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a model's attributions looked like over a set of events, per feature: mean |attribution|,
 * mean signed attribution, and the share of the total mean |attribution|, {@code share_i =
 * meanAbs_i / Σ_j meanAbs_j} (sums to 1). When every attribution is 0 the shares are uniform
 * ({@code 1/n}): no feature carries more of the explanation than another.
 *
 * @param featureNames feature names, the order of every array
 * @param events how many events the profile summarises
 */
public record AttributionProfile(
    List<String> featureNames, long events, double[] meanAbs, double[] mean, double[] share) {

  public AttributionProfile {
    featureNames = List.copyOf(featureNames);
    int n = featureNames.size();
    if (n == 0 || meanAbs.length != n || mean.length != n || share.length != n) {
      throw new IllegalArgumentException(
          "a profile needs one value per feature in every array (" + n + " features)");
    }
    if (events < 1) {
      throw new IllegalArgumentException("a profile summarises at least one event: " + events);
    }
    meanAbs = meanAbs.clone();
    mean = mean.clone();
    share = share.clone();
  }

  /** A profile from its means; the shares are computed. */
  public static AttributionProfile of(
      List<String> featureNames, long events, double[] meanAbs, double[] mean) {
    return new AttributionProfile(featureNames, events, meanAbs, mean, shares(meanAbs));
  }

  /** {@code meanAbs_i / Σ meanAbs}; uniform when the sum is 0. */
  public static double[] shares(double[] meanAbs) {
    double total = 0;
    for (double v : meanAbs) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("mean |attribution| must be finite and >= 0: " + v);
      }
      total += v;
    }
    double[] share = new double[meanAbs.length];
    for (int i = 0; i < share.length; i++) {
      share[i] = total > 0 ? meanAbs[i] / total : 1.0 / share.length;
    }
    return share;
  }

  /**
   * Feature indices by share, largest first; ties by feature order, so the ranking is
   * deterministic.
   */
  public int[] ranking() {
    return rank(share);
  }

  static int[] rank(double[] values) {
    return IntStream.range(0, values.length)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Override
  public double[] meanAbs() {
    return meanAbs.clone();
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] share() {
    return share.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributionProfile p
        && events == p.events
        && featureNames.equals(p.featureNames)
        && Arrays.equals(meanAbs, p.meanAbs)
        && Arrays.equals(mean, p.mean)
        && Arrays.equals(share, p.share);
  }

  @Override
  public int hashCode() {
    return featureNames.hashCode() * 31 + Long.hashCode(events) + Arrays.hashCode(meanAbs);
  }

  @Override
  public String toString() {
    return "AttributionProfile[" + events + " events, share=" + Arrays.toString(share) + "]";
  }
}
