package io.igstream.reasons;

import java.util.OptionalDouble;

/**
 * One emitted reason: a group of the code table that pushed the score toward the alert.
 *
 * @param rank 1 for the reason with the largest contribution
 * @param code the group's code
 * @param text the group's human text
 * @param contribution the sum of the group's attributions (&gt; 0: toward the alert)
 * @param share {@code contribution / (F(x) - F(x'))}; empty when that difference is not positive
 *     (see {@link ReasonRanker})
 */
public record Reason(
    int rank, String code, String text, double contribution, OptionalDouble share) {}
