package io.igstream.explain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Gauss&ndash;Legendre nodes and weights, computed by Newton iteration on the Legendre polynomial
 * {@code P_m} and mapped from {@code [-1,1]} to {@code [0,1]}: {@code alpha = (1+t)/2}, {@code w =
 * 2/((1-t^2) P_m'(t)^2) / 2}. Accurate to about {@code 1e-15}; node sets are cached (thread-safe).
 *
 * <p>{@code P_m} comes from the three-term recurrence {@code (k+1) P_{k+1} = (2k+1) t P_k - k
 * P_{k-1}} and {@code P_m'(t) = m (t P_m - P_{m-1}) / (t^2 - 1)}.
 *
 * @see <a href="https://dlmf.nist.gov/3.5#v">DLMF 3.5(v), Gauss quadrature</a>
 */
final class GaussLegendre {
  private static final ConcurrentMap<Integer, QuadratureNodes> CACHE = new ConcurrentHashMap<>();
  private static final int MAX_NEWTON_ITERATIONS = 100;

  private GaussLegendre() {}

  /** The {@code m}-point rule on {@code [0,1]}, weights normalised to sum to 1. */
  static QuadratureNodes onUnitInterval(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("gausslegendre needs at least 1 step, got " + m);
    }
    return CACHE.computeIfAbsent(m, GaussLegendre::compute);
  }

  private static QuadratureNodes compute(int m) {
    double[] alphas = new double[m];
    double[] weights = new double[m];
    for (int i = 0; i < (m + 1) / 2; i++) {
      double t = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
      double derivative = 0;
      for (int iteration = 0; iteration < MAX_NEWTON_ITERATIONS; iteration++) {
        double[] pair = legendre(m, t);
        derivative = m * (t * pair[0] - pair[1]) / (t * t - 1);
        double step = pair[0] / derivative;
        t -= step;
        if (Math.abs(step) <= 1e-16) {
          break;
        }
      }
      double[] pair = legendre(m, t);
      derivative = m * (t * pair[0] - pair[1]) / (t * t - 1);
      double weight = 1.0 / ((1 - t * t) * derivative * derivative);
      // t is the i-th largest root; its mirror -t is the i-th smallest.
      alphas[i] = (1 - t) / 2;
      alphas[m - 1 - i] = (1 + t) / 2;
      weights[i] = weight;
      weights[m - 1 - i] = weight;
    }
    if (m % 2 == 1) {
      alphas[m / 2] = 0.5;
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    for (int k = 0; k < m; k++) {
      weights[k] /= sum;
    }
    return new QuadratureNodes(alphas, weights);
  }

  /** {@code {P_m(t), P_{m-1}(t)}}. */
  private static double[] legendre(int m, double t) {
    double previous = 1;
    double current = t;
    if (m == 0) {
      return new double[] {1, 0};
    }
    for (int k = 1; k < m; k++) {
      double next = ((2 * k + 1) * t * current - k * previous) / (k + 1);
      previous = current;
      current = next;
    }
    return new double[] {current, previous};
  }
}
