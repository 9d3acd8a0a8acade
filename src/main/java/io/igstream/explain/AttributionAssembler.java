package io.igstream.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns per-path estimates into one {@link Attribution} per request.
 *
 * <p>For request {@code r} with baselines {@code j = 1..J} and noise samples {@code s = 1..S}:
 *
 * <pre>{@code
 * A_s   = mean_j IG(x_s; x'_j)                      (expected IG)
 * dF_s  = F(x_s) - mean_j F(x'_j)
 * err_s = sum_i A_s,i - dF_s
 * attributions = A_1                                 (no smoothing)
 *              | mean_s A_s | mean_s A_s^2 | var_s A_s   (smoothgrad | smoothgrad_sq | vargrad)
 * completenessError = mean_s err_s,   relative = completenessError / max(|mean_s dF_s|, 1e-12)
 * }</pre>
 *
 * {@code toleranceMet} requires every path to have converged and {@code |err_s| <= max(absTol,
 * relTol |dF_s|)} for every sample.
 */
final class AttributionAssembler {
  /** Floor of {@code |dF|} in the relative error, keeping it finite (JSON has no NaN/Inf). */
  static final double RELATIVE_ERROR_FLOOR = 1e-12;

  private AttributionAssembler() {}

  static List<Attribution> assemble(
      PathSet paths, PathEstimates estimates, IgOptions options, IntegrationMethod ran) {
    int d = paths.dimension();
    int samples = paths.samples();
    Smoothing smoothing = options.smoothing();
    String method =
        smoothing.enabled()
            ? smoothing.tunnel().publicName() + "(" + ran.publicName() + ")"
            : ran.publicName();
    double[][] perSample = new double[samples][d];
    List<Attribution> results = new ArrayList<>(paths.requestCount());
    for (int r = 0; r < paths.requestCount(); r++) {
      int baselines = paths.baselineCount(r);
      int first = paths.firstPath(r);
      double baselinePrediction = 0;
      for (int j = 0; j < baselines; j++) {
        baselinePrediction += estimates.startValues[first + j] / baselines;
      }
      double errorSum = 0;
      double deltaSum = 0;
      int steps = smoothing.enabled() ? 1 : 0;
      boolean met = true;
      for (int s = 0; s < samples; s++) {
        double[] attribution = perSample[s];
        Arrays.fill(attribution, 0);
        double meanStart = 0;
        for (int j = 0; j < baselines; j++) {
          int path = first + s * baselines + j;
          for (int i = 0; i < d; i++) {
            attribution[i] += estimates.attributions[path * d + i] / baselines;
          }
          meanStart += estimates.startValues[path] / baselines;
          steps += estimates.steps[path];
          met &= estimates.converged[path];
        }
        double deltaF = estimates.endValues[first + s * baselines] - meanStart;
        double total = 0;
        for (double value : attribution) {
          total += value;
        }
        double error = total - deltaF;
        met &= options.withinTolerance(error, deltaF);
        errorSum += error;
        deltaSum += deltaF;
      }
      double error = errorSum / samples;
      double deltaF = deltaSum / samples;
      double prediction =
          smoothing.enabled() ? estimates.probeValues[r] : estimates.endValues[first];
      results.add(
          new Attribution(
              aggregate(perSample, smoothing.tunnel()),
              prediction,
              baselinePrediction,
              error,
              error / Math.max(Math.abs(deltaF), RELATIVE_ERROR_FLOOR),
              steps,
              method,
              met));
    }
    return results;
  }

  /** Mean, mean of squares or population variance over samples (two-pass, so never negative). */
  private static double[] aggregate(double[][] perSample, NoiseTunnel tunnel) {
    int samples = perSample.length;
    int d = perSample[0].length;
    double[] result = new double[d];
    for (int i = 0; i < d; i++) {
      double mean = 0;
      double meanSquare = 0;
      for (double[] sample : perSample) {
        mean += sample[i] / samples;
        meanSquare += sample[i] * sample[i] / samples;
      }
      double variance = 0;
      for (double[] sample : perSample) {
        variance += (sample[i] - mean) * (sample[i] - mean) / samples;
      }
      result[i] =
          switch (tunnel) {
            case NONE, SMOOTHGRAD -> mean;
            case SMOOTHGRAD_SQ -> meanSquare;
            case VARGRAD -> variance;
          };
    }
    return result;
  }
}
