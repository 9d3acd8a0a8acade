package io.igstream.explain;

/**
 * The explanation of one event.
 *
 * @param attributions {@code IG_i = (x_i - x'_i) * int_0^1 dF/dx_i(x' + a (x - x')) da}, averaged
 *     over baselines (expected IG) and aggregated over noise samples when smoothing
 * @param prediction {@code F(x)} of the (un-noised) input
 * @param baselinePrediction {@code mean_j F(x'_j)}
 * @param completenessError the signed integration error {@code sum_i IG_i - (F(x) - mean_j
 *     F(x'_j))}; with smoothing the mean over samples of {@code sum_i IG_i(x+e) - (F(x+e) - mean_j
 *     F(x'_j))} (see {@link Smoothing})
 * @param relativeCompletenessError {@code completenessError / max(|dF|, 1e-12)} where {@code dF} is
 *     the difference the error refers to; always finite, and large values on a near-zero {@code dF}
 *     mean only the absolute error is meaningful
 * @param steps model evaluations (value and gradient) spent on this event, path endpoints included,
 *     summed over baselines and noise samples (plus one for {@code F(x)} when smoothing)
 * @param method the integration method's public name, e.g. {@code adaptive_kronrod_trapezoid} or
 *     {@code gausslegendre}; with smoothing prefixed by the noise tunnel, e.g. {@code
 *     smoothgrad(gausslegendre)}
 * @param toleranceMet whether every path's completeness error is within {@code max(absTol, relTol *
 *     |dF|)} and, for the adaptive method, the attributions stopped changing before the budget ran
 *     out
 */
public record Attribution(
    double[] attributions,
    double prediction,
    double baselinePrediction,
    double completenessError,
    double relativeCompletenessError,
    int steps,
    String method,
    boolean toleranceMet) {

  /** Copies the attribution vector. */
  public Attribution {
    attributions = attributions.clone();
  }

  @Override
  public double[] attributions() {
    return attributions.clone();
  }
}
