package io.igstream.explain;

/**
 * Exact IG on a piecewise-affine network with a smooth head: the path is cut at its breakpoints
 * ({@link BreakpointSearch}) and each linear region {@code [a, b]} is integrated on its own.
 *
 * <p>Inside a region {@code F = h(A x + c)}. With a scalar head ({@link
 * PiecewiseAffineFunction#scalarHead()}) the gradient is {@code h'(u(alpha)) grad u} with {@code
 * grad u} constant, so for any gradient {@code g} inside the region and {@code d = x - x'}
 *
 * <pre>{@code IG_i[a, b] = (F(b) - F(a)) * d_i g_i / (d . g)}</pre>
 *
 * exactly: one evaluation, at the region's midpoint, per region, and the regions' contributions add
 * up to {@code F(x) - F(x')} (completeness to rounding). Where {@code d . g} is not measurably
 * larger than the rounding of {@code F(b) - F(a)} (the path runs almost along a level set inside
 * the region) the midpoint rule {@code d_i g_i (b - a)} is used instead: its error is of second
 * order in the tiny change of {@code u}.
 *
 * <p>Other heads (e.g. a softmax over several logits) are smooth inside a region, where {@value
 * #NODES}-point Gauss&ndash;Legendre converges spectrally; a region whose local completeness error
 * {@code |sum_i IG_i[a, b] - (F(b) - F(a))|} exceeds the rounding of {@code F} is halved and
 * integrated again, at most {@value #MAX_HALVINGS} times.
 *
 * <p>Cost per path: the forward evaluations of the search (both ends and one per breakpoint) plus
 * one gradient per region (scalar head) or {@value #NODES} per region and halving. A path whose
 * budget ran out mid-search still gets every piece integrated, but reports {@code converged =
 * false}.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017</a>
 */
final class ExactPiecewiseIntegrator {
  static final int NODES = 4;
  static final int MAX_HALVINGS = 12;

  /** How many rounding units of {@code F} a region's local completeness error may be. */
  static final double VALUE_MARGIN = 64;

  private final IgOptions options;

  ExactPiecewiseIntegrator(IgOptions options) {
    this.options = options;
  }

  PathEstimates integrate(PiecewiseAffineFunction function, PathSet paths) {
    try {
      return integrate(function, paths, ExactWorkspace.forThread(function));
    } catch (RuntimeException | Error e) {
      ExactWorkspace.discard(); // a stream may hold reserved points: never reuse it
      throw e;
    }
  }

  private PathEstimates integrate(
      PiecewiseAffineFunction function, PathSet paths, ExactWorkspace workspace) {
    PathEstimates estimates = new PathEstimates(paths);
    BreakpointSearch.Result search =
        new BreakpointSearch(function, options.maxSteps(), workspace)
            .run(paths, estimates.probeValues);
    KnotTable knots = search.knots();
    for (int p = 0; p < paths.pathCount(); p++) {
      estimates.startValues[p] = knots.value(2 * p);
      estimates.endValues[p] = knots.value(2 * p + 1);
      estimates.steps[p] = search.evaluations()[p];
      estimates.converged[p] = search.cut()[p];
    }
    double rounding = Math.max(function.relativeRounding(), 0x1p-52);
    if (function.scalarHead()) {
      integrateScalarHead(workspace, paths, knots, search.pieces(), estimates, rounding);
    } else {
      integrateSmoothHead(workspace, paths, knots, search.pieces(), estimates, rounding);
    }
    estimates.scaleByDifference(paths);
    return estimates;
  }

  /** One midpoint gradient per region, rescaled to the region's exact change of F. */
  private static void integrateScalarHead(
      ExactWorkspace workspace,
      PathSet paths,
      KnotTable knots,
      PieceList pieces,
      PathEstimates estimates,
      double rounding) {
    int d = paths.dimension();
    PointStream stream = workspace.gradients();
    stream.restart(
        pieces.size(),
        (slot, value, gradients, offset) -> {
          int path = pieces.path(slot);
          int left = pieces.left(slot);
          int right = pieces.right(slot);
          double width = knots.alpha(right) - knots.alpha(left);
          double along = 0;
          double magnitude = 0;
          for (int i = 0; i < d; i++) {
            double m = paths.difference(path, i) * gradients[offset + i];
            along += m;
            magnitude += Math.abs(m);
          }
          along *= width;
          magnitude *= width;
          double change = knots.value(right) - knots.value(left);
          double noise = noise(knots, left, right, rounding);
          // Rescale only when d.g is measurably more than the rounding of F(b) - F(a).
          double scale =
              Math.abs(along) > 4 * noise && Math.abs(along) > 1e-9 * magnitude
                  ? change / along
                  : 1;
          double factor = scale * width;
          int base = path * d;
          for (int i = 0; i < d; i++) {
            estimates.attributions[base + i] += factor * gradients[offset + i];
          }
        });
    for (int k = 0; k < pieces.size(); k++) {
      int path = pieces.path(k);
      double mid = 0.5 * (knots.alpha(pieces.left(k)) + knots.alpha(pieces.right(k)));
      paths.writePoint(path, mid, stream.buffer(), stream.next(paths.owner(path)));
      estimates.steps[path]++;
    }
    stream.flush();
  }

  /** Gauss-Legendre per region, halving regions whose local completeness error is too large. */
  private static void integrateSmoothHead(
      ExactWorkspace workspace,
      PathSet paths,
      KnotTable knots,
      PieceList pieces,
      PathEstimates estimates,
      double rounding) {
    int d = paths.dimension();
    QuadratureNodes nodes = QuadratureRule.GAUSS_LEGENDRE.nodes(NODES);
    double[] alphas = nodes.alphas();
    double[] weights = nodes.weights();
    PieceList todo = pieces;
    for (int halving = 0; !todo.isEmpty(); halving++) {
      PieceList current = todo;
      double[] sums = new double[current.size() * d];
      PointStream stream = workspace.gradients();
      stream.restart(
          current.size() * NODES,
          (slot, value, gradients, offset) -> {
            int k = slot / NODES;
            double w = weights[slot % NODES] * width(knots, current, k);
            for (int i = 0; i < d; i++) {
              sums[k * d + i] += w * gradients[offset + i];
            }
          });
      for (int k = 0; k < current.size(); k++) {
        int path = current.path(k);
        for (double alpha : alphas) {
          double at = knots.alpha(current.left(k)) + alpha * width(knots, current, k);
          paths.writePoint(path, at, stream.buffer(), stream.next(paths.owner(path)));
        }
        estimates.steps[path] += NODES;
      }
      stream.flush();
      PieceList split = new PieceList(0);
      for (int k = 0; k < current.size(); k++) {
        int path = current.path(k);
        double along = 0;
        for (int i = 0; i < d; i++) {
          along += paths.difference(path, i) * sums[k * d + i];
        }
        int left = current.left(k);
        int right = current.right(k);
        double change = knots.value(right) - knots.value(left);
        boolean accurate =
            Math.abs(along - change) <= VALUE_MARGIN * noise(knots, left, right, rounding);
        if (accurate || halving == MAX_HALVINGS) {
          estimates.converged[path] &= accurate;
          for (int i = 0; i < d; i++) {
            estimates.attributions[path * d + i] += sums[k * d + i];
          }
        } else {
          split.add(path, left, right, current.from(k));
        }
      }
      todo = halve(workspace.forward(), paths, knots, split, estimates);
    }
  }

  /** Each piece's two halves; the midpoints are run forward (their values are needed). */
  private static PieceList halve(
      ForwardStream stream,
      PathSet paths,
      KnotTable knots,
      PieceList pieces,
      PathEstimates estimates) {
    PieceList halves = new PieceList(2 * pieces.size());
    if (pieces.isEmpty()) {
      return halves;
    }
    int first = knots.size();
    stream.restart(
        pieces.size(),
        knots.layerCount(),
        (slot, value, pre, base) -> knots.storeValue(first + slot, value));
    int noLayer = knots.layerCount();
    for (int k = 0; k < pieces.size(); k++) {
      int path = pieces.path(k);
      int left = pieces.left(k);
      int right = pieces.right(k);
      int mid = knots.add(path, 0.5 * (knots.alpha(left) + knots.alpha(right)), noLayer);
      paths.writePoint(path, knots.alpha(mid), stream.buffer(), stream.next(paths.owner(path)));
      estimates.steps[path]++;
      halves.add(path, left, mid, noLayer);
      halves.add(path, mid, right, noLayer);
    }
    stream.flush();
    return halves;
  }

  private static double width(KnotTable knots, PieceList pieces, int k) {
    return knots.alpha(pieces.right(k)) - knots.alpha(pieces.left(k));
  }

  /** The rounding of {@code F(b) - F(a)}. */
  private static double noise(KnotTable knots, int left, int right, double rounding) {
    return rounding * (Math.abs(knots.value(left)) + Math.abs(knots.value(right))) + 1e-300;
  }
}
