package io.igstream.explain;

/**
 * IG with a fixed quadrature rule: {@code IG_i = (x_i - x'_i) * sum_k w_k * dF/dx_i(x' + alpha_k (x
 * - x'))}, plus {@code F(x')} and {@code F(x)} at the path ends. All paths of all requests go to
 * the model as one stream of points (one {@code evaluate} call per {@code maxBatchPoints()}). Nodes
 * at {@code alpha = 0} or {@code 1} (left, right, trapezoid) double as the endpoint values, so
 * those rules spend {@code m + 1} or {@code m} evaluations per path instead of {@code m + 2}.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017, section 5</a>
 */
final class FixedRuleIntegrator {
  private FixedRuleIntegrator() {}

  static PathEstimates integrate(GradientFunction function, PathSet paths, QuadratureNodes nodes) {
    double[] alphas = nodes.alphas();
    double[] weights = nodes.weights();
    int m = alphas.length;
    int startNode = indexOf(alphas, 0.0);
    int endNode = indexOf(alphas, 1.0);
    int startSlot = startNode >= 0 ? startNode : m;
    int endSlot = endNode >= 0 ? endNode : m + (startNode >= 0 ? 0 : 1);
    int perPath = Math.max(m, Math.max(startSlot, endSlot) + 1);
    int probes = paths.probeCount();
    int d = paths.dimension();
    PathEstimates estimates = new PathEstimates(paths);
    PointStream.Sink sink =
        (slot, value, gradients, offset) -> {
          if (slot < probes) {
            estimates.probeValues[slot] = value;
            return;
          }
          int path = (slot - probes) / perPath;
          int node = (slot - probes) % perPath;
          if (node < m) {
            double weight = weights[node];
            int base = path * d;
            for (int i = 0; i < d; i++) {
              estimates.attributions[base + i] += weight * gradients[offset + i];
            }
          }
          if (node == startSlot) {
            estimates.startValues[path] = value;
          }
          if (node == endSlot) {
            estimates.endValues[path] = value;
          }
        };
    PointStream stream = new PointStream(function, probes + paths.pathCount() * perPath, sink);
    for (int k = 0; k < probes; k++) {
      paths.writeProbe(k, stream.buffer(), stream.next(k));
    }
    for (int path = 0; path < paths.pathCount(); path++) {
      for (int node = 0; node < perPath; node++) {
        double alpha = node < m ? alphas[node] : node == startSlot ? 0.0 : 1.0;
        paths.writePoint(path, alpha, stream.buffer(), stream.next(paths.owner(path)));
      }
      estimates.steps[path] = perPath;
      estimates.converged[path] = true;
    }
    stream.flush();
    estimates.scaleByDifference(paths);
    return estimates;
  }

  private static int indexOf(double[] alphas, double alpha) {
    for (int k = 0; k < alphas.length; k++) {
      if (alphas[k] == alpha) {
        return k;
      }
    }
    return -1;
  }
}
