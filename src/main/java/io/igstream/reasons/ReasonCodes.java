package io.igstream.reasons;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The principal reasons of one alert, as {@link ReasonRanker} chose them.
 *
 * @param reasons at most k reasons, largest contribution first; empty when no group of the table
 *     pushed the score toward the alert
 * @param predictionDelta F(x) &minus; F(x&prime;), the change the attributions explain
 * @param coverage the emitted contributions' sum divided by {@code predictionDelta}; empty when
 *     {@code predictionDelta} is not positive. It can exceed 1 when other groups push the other
 *     way.
 * @param uncodedContribution the summed attributions of features that are in no group of the table
 *     (never a reason; reported so that a large driver outside the vocabulary is visible)
 * @param noReasonExplanation why {@code reasons} is empty; empty when there are reasons
 */
public record ReasonCodes(
    List<Reason> reasons,
    double predictionDelta,
    OptionalDouble coverage,
    double uncodedContribution,
    Optional<String> noReasonExplanation) {
  public ReasonCodes {
    reasons = List.copyOf(reasons);
  }

  /** Whether at least one group pushed toward the alert. */
  public boolean hasReasons() {
    return !reasons.isEmpty();
  }
}
