package io.igstream.explain;

/**
 * What an integrator found per path: the attribution vector {@code (x - x') o int grad F} (flat,
 * {@code path * d + i}), {@code F} at both ends, the model evaluations spent and whether the
 * integrator's own convergence test passed; plus the values of the probe points.
 */
final class PathEstimates {
  final double[] attributions;
  final double[] startValues;
  final double[] endValues;
  final int[] steps;
  final boolean[] converged;
  final double[] probeValues;

  PathEstimates(PathSet paths) {
    int n = paths.pathCount();
    this.attributions = new double[n * paths.dimension()];
    this.startValues = new double[n];
    this.endValues = new double[n];
    this.steps = new int[n];
    this.converged = new boolean[n];
    this.probeValues = new double[paths.probeCount()];
  }

  /**
   * Turns {@code int grad F} stored in {@link #attributions} into {@code (x - x') o int grad F}.
   */
  void scaleByDifference(PathSet paths) {
    int d = paths.dimension();
    for (int p = 0; p < paths.pathCount(); p++) {
      for (int i = 0; i < d; i++) {
        attributions[p * d + i] *= paths.difference(p, i);
      }
    }
  }
}
