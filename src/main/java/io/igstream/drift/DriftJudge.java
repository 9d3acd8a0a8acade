package io.igstream.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compares a window's profile with a reference profile and applies the thresholds. */
public final class DriftJudge {
  private final DriftThresholds thresholds;

  public DriftJudge(DriftThresholds thresholds) {
    this.thresholds = thresholds;
  }

  public DriftThresholds thresholds() {
    return thresholds;
  }

  /**
   * The verdict on {@code window} against {@code reference}.
   *
   * @throws IllegalArgumentException when the two profiles are over different features
   */
  public DriftVerdict judge(AttributionProfile window, AttributionProfile reference) {
    if (!window.featureNames().equals(reference.featureNames())) {
      throw new IllegalArgumentException(
          "the reference profile's features "
              + reference.featureNames()
              + " are not the window's "
              + window.featureNames());
    }
    double[] p = window.share();
    double[] q = reference.share();
    double[] change = DriftDistances.shareChange(p, q);
    double jsd = DriftDistances.jensenShannon(p, q);
    double ndcg = DriftDistances.ndcgAtK(p, q, thresholds.topK());
    List<String> names = window.featureNames();
    int[] byChange = AttributionProfile.rank(abs(change));
    List<String> moved = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (int i : byChange) {
      if (Math.abs(change[i]) > thresholds.shareChange()) {
        reasons.add(
            String.format(
                Locale.ROOT,
                "share of %s %+.3f (%.3f -> %.3f) beyond ±%.3f",
                names.get(i),
                change[i],
                q[i],
                p[i],
                thresholds.shareChange()));
      }
      if (moved.size() < thresholds.topK() && change[i] != 0) {
        moved.add(names.get(i));
      }
    }
    if (jsd > thresholds.jensenShannon()) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "Jensen-Shannon divergence %.4f > %.4f",
              jsd,
              thresholds.jensenShannon()));
    }
    if (ndcg < thresholds.minNdcg()) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "nDCG@%d of the ranking %.3f < %.3f",
              thresholds.topK(),
              ndcg,
              thresholds.minNdcg()));
    }
    return new DriftVerdict(change, jsd, ndcg, moved, !reasons.isEmpty(), reasons);
  }

  private static double[] abs(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.abs(values[i]);
    }
    return out;
  }
}
