package io.igstream.stream;

import java.util.List;

/**
 * One recent alert (an explained event whose score reached its model's alert threshold) with its
 * principal reasons, as the dashboard shows it.
 *
 * @param alertThreshold the model's threshold, or null when the model publishes no reason codes
 * @param reasons largest contribution first; empty when no code group raised the score, or when the
 *     model has no reason-code table ({@code noReasonExplanation} says which)
 */
public record RecentAlert(
    long instanceSeq,
    String id,
    String model,
    String modelVersion,
    long explainedAtMillis,
    double alertScore,
    Double alertThreshold,
    double completenessError,
    List<Reason> reasons,
    String noReasonExplanation) {

  /** One reason code: rank 1 is the largest contribution; share null when F(x) = F(x'). */
  public record Reason(int rank, String code, String text, double contribution, Double share) {}
}
