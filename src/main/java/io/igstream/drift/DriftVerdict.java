package io.igstream.drift;

import java.util.List;

/**
 * A window judged against its reference.
 *
 * @param shareChange per feature: window share − reference share
 * @param jensenShannon JSD of the share distributions, in bits
 * @param ndcg nDCG@k of the window's ranking graded by the reference shares
 * @param movedFeatures up to k features with the largest |share change| (non-zero), largest first
 * @param alert whether any threshold was crossed
 * @param reasons one human-readable line per threshold crossed
 */
public record DriftVerdict(
    double[] shareChange,
    double jensenShannon,
    double ndcg,
    List<String> movedFeatures,
    boolean alert,
    List<String> reasons) {
  public DriftVerdict {
    shareChange = shareChange.clone();
    movedFeatures = List.copyOf(movedFeatures);
    reasons = List.copyOf(reasons);
  }

  @Override
  public double[] shareChange() {
    return shareChange.clone();
  }
}
