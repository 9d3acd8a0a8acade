package io.igstream.drift;

/**
 * When a window's attributions have drifted from the reference: any feature's |share change| above
 * {@code shareChange}, the Jensen–Shannon divergence above {@code jensenShannon}, or the
 * nDCG@{@code topK} below {@code minNdcg}.
 *
 * @param topK depth of the ranking comparison, and how many moved features a verdict lists
 * @param shareChange per-feature threshold on |share − reference share|, in (0, 1]
 * @param jensenShannon global threshold on the JSD (bits), in (0, 1]
 * @param minNdcg global floor on nDCG@k, in [0, 1]
 */
public record DriftThresholds(int topK, double shareChange, double jensenShannon, double minNdcg) {
  public static final int DEFAULT_TOP_K = 5;

  /** Five share points: a feature that carried 20 % of the explanation now carries 25 %. */
  public static final double DEFAULT_SHARE_CHANGE = 0.05;

  /** Catches drift spread thinly over many features, which no single share change shows. */
  public static final double DEFAULT_JENSEN_SHANNON = 0.02;

  /** AWS SageMaker Clarify's rule of thumb for attribution drift. */
  public static final double DEFAULT_MIN_NDCG = 0.9;

  public static DriftThresholds defaults() {
    return new DriftThresholds(
        DEFAULT_TOP_K, DEFAULT_SHARE_CHANGE, DEFAULT_JENSEN_SHANNON, DEFAULT_MIN_NDCG);
  }

  public DriftThresholds {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1: " + topK);
    }
    if (!(shareChange > 0 && shareChange <= 1)) {
      throw new IllegalArgumentException(
          "share-change threshold must be in (0, 1]: " + shareChange);
    }
    if (!(jensenShannon > 0 && jensenShannon <= 1)) {
      throw new IllegalArgumentException("JSD threshold must be in (0, 1]: " + jensenShannon);
    }
    if (!(minNdcg >= 0 && minNdcg <= 1)) {
      throw new IllegalArgumentException("nDCG threshold must be in [0, 1]: " + minNdcg);
    }
  }
}
