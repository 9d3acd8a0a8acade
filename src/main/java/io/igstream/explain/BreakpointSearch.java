package io.igstream.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts every path at the breakpoints of a piecewise-affine network, all paths together in rounds.
 *
 * <p>Along {@code x' + alpha (x - x')} the first kink layer's pre-activations are affine in {@code
 * alpha}, so a unit whose pre-activation {@code z} is on different sides of a threshold {@code t}
 * at the ends of a piece {@code [a, b]} crosses it exactly once, at {@code a + (b - a) (z_a - t) /
 * (z_a - z_b)}; a unit on the same side at both ends does not cross at all. A later layer's
 * pre-activations are affine only on pieces where every earlier layer keeps its pattern, so a round
 * examines each piece layer by layer and cuts at the crossings of the FIRST layer that has any,
 * then the new points are run forward (one batch for all paths) and their pieces are examined again
 * in the next round, from the layer after the one just cut (every layer up to it is now constant on
 * them). A piece on which no layer has a crossing is one linear region: done.
 *
 * <p>Rounding: a pre-activation within {@value #ROUNDING_MARGIN} &times; the model's relative
 * rounding &times; its layer's largest |pre-activation| of a threshold counts as ON it (no side),
 * so a cut point, whose crossing unit evaluates to about zero, never makes a spurious crossing
 * again; and no cut is placed within {@value #MIN_GAP} of a piece's end. Each such miss leaves a
 * sliver of the path narrower than the model's own precision in the wrong region.
 */
final class BreakpointSearch {
  static final double ROUNDING_MARGIN = 16;
  static final double MIN_GAP = 1e-10;

  /** The pieces of every path, with the forward evaluations spent and whether the search ended. */
  record Result(List<Piece> pieces, Knot[] starts, Knot[] ends, int[] evaluations, boolean[] cut) {}

  private final PiecewiseAffineFunction function;
  private final int[] layerUnits;
  private final double[][] thresholds;
  private final double rounding;
  private final int maxEvaluations;
  private final int maxRounds;

  BreakpointSearch(PiecewiseAffineFunction function, int maxEvaluationsPerPath) {
    this.function = function;
    List<KinkLayer> layers = function.kinkLayers();
    this.layerUnits = new int[layers.size()];
    this.thresholds = new double[layers.size()][];
    for (int l = 0; l < layers.size(); l++) {
      layerUnits[l] = layers.get(l).units();
      thresholds[l] = layers.get(l).thresholds();
    }
    this.rounding = ROUNDING_MARGIN * Math.max(function.relativeRounding(), 0x1p-52);
    this.maxEvaluations = maxEvaluationsPerPath;
    // Each round settles at least one more layer on every piece it cuts; deep nets nest a little.
    this.maxRounds = 4 * layers.size() + 16;
  }

  /**
   * Runs both ends of every path (and the probe points, whose values go to {@code probeValues}),
   * then cuts until every piece is one linear region, a path's budget of forward evaluations is
   * spent ({@code cut[path] = false}) or the round limit is reached.
   */
  Result run(PathSet paths, double[] probeValues) {
    int n = paths.pathCount();
    Knot[] starts = new Knot[n];
    Knot[] ends = new Knot[n];
    int[] evaluations = new int[n];
    boolean[] cut = new boolean[n];
    Arrays.fill(cut, true);
    List<Piece> pending = new ArrayList<>(n);
    List<Knot> knots = new ArrayList<>(2 * n);
    List<Integer> knotPaths = new ArrayList<>(2 * n);
    for (int p = 0; p < n; p++) {
      starts[p] = new Knot(0);
      ends[p] = new Knot(1);
      knots.add(starts[p]);
      knots.add(ends[p]);
      knotPaths.add(p);
      knotPaths.add(p);
      evaluations[p] = 2;
      pending.add(new Piece(p, starts[p], ends[p]));
    }
    evaluate(paths, knots, knotPaths, probeValues);
    List<Piece> done = new ArrayList<>();
    for (int round = 0; !pending.isEmpty(); round++) {
      List<Piece> next = new ArrayList<>();
      knots.clear();
      knotPaths.clear();
      for (Piece piece : pending) {
        int[] layer = new int[1];
        double[] cuts = crossings(piece, layer);
        int path = piece.path();
        if (cuts.length == 0) {
          done.add(piece);
        } else if (round >= maxRounds || evaluations[path] + cuts.length > maxEvaluations) {
          cut[path] = false;
          done.add(piece);
        } else {
          Knot left = piece.left();
          for (double alpha : cuts) {
            Knot knot = new Knot(alpha);
            knots.add(knot);
            knotPaths.add(path);
            next.add(new Piece(path, left, knot, layer[0] + 1));
            left = knot;
          }
          next.add(new Piece(path, left, piece.right(), layer[0] + 1));
          evaluations[path] += cuts.length;
        }
      }
      evaluate(paths, knots, knotPaths, null);
      pending = next;
    }
    return new Result(done, starts, ends, evaluations, cut);
  }

  /**
   * The crossings inside {@code piece} of the first kink layer from {@code piece.fromLayer()} on
   * that has any, ascending; that layer's index goes to {@code layerOut[0]}.
   */
  double[] crossings(Piece piece, int[] layerOut) {
    Knot left = piece.left();
    Knot right = piece.right();
    double a = left.alpha;
    double width = piece.width();
    double[] found = new double[8];
    int at = 0;
    for (int l = 0; l < piece.fromLayer(); l++) {
      at += layerUnits[l];
    }
    for (int l = piece.fromLayer(); l < layerUnits.length; l++) {
      int count = 0;
      double bandLeft = rounding * Math.max(left.layerScale[l], 1e-300);
      double bandRight = rounding * Math.max(right.layerScale[l], 1e-300);
      for (int u = at; u < at + layerUnits[l]; u++) {
        for (double t : thresholds[l]) {
          double ea = left.preactivations[u] - t;
          double eb = right.preactivations[u] - t;
          boolean crosses =
              (ea > bandLeft && eb < -bandRight) || (ea < -bandLeft && eb > bandRight);
          if (!crosses) {
            continue;
          }
          double alpha = a + width * (ea / (ea - eb));
          if (alpha - a > MIN_GAP && right.alpha - alpha > MIN_GAP) {
            if (count == found.length) {
              found = Arrays.copyOf(found, 2 * count);
            }
            found[count++] = alpha;
          }
        }
      }
      if (count > 0) {
        layerOut[0] = l;
        return distinct(found, count);
      }
      at += layerUnits[l];
    }
    return new double[0];
  }

  /** Sorted, with crossings closer than {@link #MIN_GAP} merged into one cut. */
  private static double[] distinct(double[] values, int count) {
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int kept = 1;
    for (int k = 1; k < count; k++) {
      if (sorted[k] - sorted[kept - 1] > MIN_GAP) {
        sorted[kept++] = sorted[k];
      }
    }
    return Arrays.copyOf(sorted, kept);
  }

  private void evaluate(
      PathSet paths, List<Knot> knots, List<Integer> knotPaths, double[] probeValues) {
    int probes = probeValues == null ? 0 : probeValues.length;
    ForwardStream stream =
        new ForwardStream(
            function,
            probes + knots.size(),
            (slot, value, pre, offset) -> {
              if (slot < probes) {
                probeValues[slot] = value;
              } else {
                knots.get(slot - probes).set(value, pre, offset, layerUnits);
              }
            });
    for (int k = 0; k < probes; k++) {
      paths.writeProbe(k, stream.buffer(), stream.next(k));
    }
    for (int k = 0; k < knots.size(); k++) {
      int path = knotPaths.get(k);
      paths.writePoint(path, knots.get(k).alpha, stream.buffer(), stream.next(paths.owner(path)));
    }
    stream.flush();
  }
}
