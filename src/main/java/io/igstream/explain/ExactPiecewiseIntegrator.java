package io.igstream.explain;

import java.util.ArrayList;
import java.util.List;

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
    PathEstimates estimates = new PathEstimates(paths);
    BreakpointSearch.Result search =
        new BreakpointSearch(function, options.maxSteps()).run(paths, estimates.probeValues);
    for (int p = 0; p < paths.pathCount(); p++) {
      estimates.startValues[p] = search.starts()[p].value;
      estimates.endValues[p] = search.ends()[p].value;
      estimates.steps[p] = search.evaluations()[p];
      estimates.converged[p] = search.cut()[p];
    }
    double rounding = Math.max(function.relativeRounding(), 0x1p-52);
    if (function.scalarHead()) {
      integrateScalarHead(function, paths, search.pieces(), estimates, rounding);
    } else {
      integrateSmoothHead(function, paths, search.pieces(), estimates, rounding);
    }
    estimates.scaleByDifference(paths);
    return estimates;
  }

  /** One midpoint gradient per region, rescaled to the region's exact change of F. */
  private static void integrateScalarHead(
      GradientFunction function,
      PathSet paths,
      List<Piece> pieces,
      PathEstimates estimates,
      double rounding) {
    int d = paths.dimension();
    PointStream stream =
        new PointStream(
            function,
            pieces.size(),
            (slot, value, gradients, offset) -> {
              Piece piece = pieces.get(slot);
              int path = piece.path();
              double width = piece.width();
              double along = 0;
              double magnitude = 0;
              for (int i = 0; i < d; i++) {
                double m = paths.difference(path, i) * gradients[offset + i];
                along += m;
                magnitude += Math.abs(m);
              }
              along *= width;
              magnitude *= width;
              double change = piece.right().value - piece.left().value;
              double noise = noise(piece, rounding);
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
    for (Piece piece : pieces) {
      double mid = 0.5 * (piece.left().alpha + piece.right().alpha);
      paths.writePoint(piece.path(), mid, stream.buffer(), stream.next(paths.owner(piece.path())));
      estimates.steps[piece.path()]++;
    }
    stream.flush();
  }

  /** Gauss-Legendre per region, halving regions whose local completeness error is too large. */
  private static void integrateSmoothHead(
      PiecewiseAffineFunction function,
      PathSet paths,
      List<Piece> pieces,
      PathEstimates estimates,
      double rounding) {
    int d = paths.dimension();
    QuadratureNodes nodes = QuadratureRule.GAUSS_LEGENDRE.nodes(NODES);
    double[] alphas = nodes.alphas();
    double[] weights = nodes.weights();
    List<Piece> todo = pieces;
    for (int halving = 0; !todo.isEmpty(); halving++) {
      List<Piece> current = todo;
      double[] sums = new double[current.size() * d];
      PointStream stream =
          new PointStream(
              function,
              current.size() * NODES,
              (slot, value, gradients, offset) -> {
                int k = slot / NODES;
                double w = weights[slot % NODES] * current.get(k).width();
                for (int i = 0; i < d; i++) {
                  sums[k * d + i] += w * gradients[offset + i];
                }
              });
      for (Piece piece : current) {
        int path = piece.path();
        for (double alpha : alphas) {
          double at = piece.left().alpha + alpha * piece.width();
          paths.writePoint(path, at, stream.buffer(), stream.next(paths.owner(path)));
        }
        estimates.steps[path] += NODES;
      }
      stream.flush();
      List<Piece> split = new ArrayList<>();
      for (int k = 0; k < current.size(); k++) {
        Piece piece = current.get(k);
        int path = piece.path();
        double along = 0;
        for (int i = 0; i < d; i++) {
          along += paths.difference(path, i) * sums[k * d + i];
        }
        double change = piece.right().value - piece.left().value;
        boolean accurate = Math.abs(along - change) <= VALUE_MARGIN * noise(piece, rounding);
        if (accurate || halving == MAX_HALVINGS) {
          estimates.converged[path] &= accurate;
          for (int i = 0; i < d; i++) {
            estimates.attributions[path * d + i] += sums[k * d + i];
          }
        } else {
          split.add(piece);
        }
      }
      todo = halve(function, paths, split, estimates);
    }
  }

  /** Each piece's two halves; the midpoints are run forward (their values are needed). */
  private static List<Piece> halve(
      PiecewiseAffineFunction function,
      PathSet paths,
      List<Piece> pieces,
      PathEstimates estimates) {
    List<Piece> halves = new ArrayList<>(2 * pieces.size());
    if (pieces.isEmpty()) {
      return halves;
    }
    Knot[] mids = new Knot[pieces.size()];
    ForwardStream stream =
        new ForwardStream(
            function, pieces.size(), (slot, value, pre, offset) -> mids[slot].value = value);
    for (int k = 0; k < pieces.size(); k++) {
      Piece piece = pieces.get(k);
      mids[k] = new Knot(0.5 * (piece.left().alpha + piece.right().alpha));
      int path = piece.path();
      paths.writePoint(path, mids[k].alpha, stream.buffer(), stream.next(paths.owner(path)));
      estimates.steps[path]++;
      halves.add(new Piece(path, piece.left(), mids[k]));
      halves.add(new Piece(path, mids[k], piece.right()));
    }
    stream.flush();
    return halves;
  }

  /** The rounding of {@code F(b) - F(a)}. */
  private static double noise(Piece piece, double rounding) {
    return rounding * (Math.abs(piece.left().value) + Math.abs(piece.right().value)) + 1e-300;
  }
}
