package io.igstream.explain;

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
 *
 * <p>Knots and pieces live in flat arrays ({@link KnotTable}, {@link PieceList}) and the scan reads
 * pre-activations straight from them: the search allocates nothing per breakpoint.
 */
final class BreakpointSearch {
  static final double ROUNDING_MARGIN = 16;
  static final double MIN_GAP = 1e-10;

  /**
   * The pieces of every path (knot indices into {@code knots}; path {@code p} starts at knot {@code
   * 2p} and ends at knot {@code 2p + 1}), with the forward evaluations spent and whether the search
   * ended.
   */
  record Result(KnotTable knots, PieceList pieces, int[] evaluations, boolean[] cut) {}

  private final PiecewiseAffineFunction function;
  private final int layers;
  private final double[][] thresholds;
  private final double rounding;
  private final int maxEvaluations;
  private final int maxRounds;
  private final ExactWorkspace workspace;
  private final ForwardStream stream;
  private double[] cuts = new double[8];
  private int cutLayer;

  BreakpointSearch(
      PiecewiseAffineFunction function, int maxEvaluationsPerPath, ExactWorkspace workspace) {
    this.function = function;
    List<KinkLayer> kinkLayers = function.kinkLayers();
    this.layers = kinkLayers.size();
    this.thresholds = new double[layers][];
    for (int l = 0; l < layers; l++) {
      thresholds[l] = kinkLayers.get(l).thresholds();
    }
    this.rounding = ROUNDING_MARGIN * Math.max(function.relativeRounding(), 0x1p-52);
    this.maxEvaluations = maxEvaluationsPerPath;
    // Each round settles at least one more layer on every piece it cuts; deep nets nest a little.
    this.maxRounds = 4 * layers + 16;
    this.workspace = workspace;
    this.stream = workspace.forward();
  }

  /**
   * Runs both ends of every path (and the probe points, whose values go to {@code probeValues}),
   * then cuts until every piece is one linear region, a path's budget of forward evaluations is
   * spent ({@code cut[path] = false}) or the round limit is reached.
   */
  Result run(PathSet paths, double[] probeValues) {
    int n = paths.pathCount();
    KnotTable knots = workspace.knots;
    int[] evaluations = new int[n];
    boolean[] cut = new boolean[n];
    Arrays.fill(cut, true);
    PieceList pending = workspace.pending;
    for (int p = 0; p < n; p++) {
      int start = knots.add(p, 0, 0);
      int end = knots.add(p, 1, 0);
      evaluations[p] = 2;
      pending.add(p, start, end, 0);
    }
    evaluate(paths, knots, 0, 0, probeValues);
    PieceList done = workspace.done;
    PieceList next = workspace.next;
    for (int round = 0; !pending.isEmpty(); round++) {
      next.clear();
      int firstNew = knots.size();
      int firstLayer = layers;
      for (int k = 0; k < pending.size(); k++) {
        int count = crossings(knots, pending, k);
        int path = pending.path(k);
        if (count == 0) {
          done.add(path, pending.left(k), pending.right(k), pending.from(k));
        } else if (round >= maxRounds || evaluations[path] + count > maxEvaluations) {
          cut[path] = false;
          done.add(path, pending.left(k), pending.right(k), pending.from(k));
        } else {
          int from = cutLayer + 1;
          firstLayer = Math.min(firstLayer, from);
          int left = pending.left(k);
          for (int c = 0; c < count; c++) {
            int knot = knots.add(path, cuts[c], from);
            next.add(path, left, knot, from);
            left = knot;
          }
          next.add(path, left, pending.right(k), from);
          evaluations[path] += count;
        }
      }
      evaluate(paths, knots, firstNew, firstLayer, null);
      PieceList examined = pending;
      pending = next;
      next = examined;
    }
    return new Result(knots, done, evaluations, cut);
  }

  /**
   * The crossings inside piece {@code k} of the first kink layer from its {@code from} on that has
   * any, ascending in {@link #cuts}; returns how many (that layer's index goes to {@link
   * #cutLayer}).
   */
  private int crossings(KnotTable knots, PieceList pieces, int k) {
    int left = pieces.left(k);
    int right = pieces.right(k);
    double a = knots.alpha(left);
    double b = knots.alpha(right);
    double width = b - a;
    double[] pre = knots.preactivations();
    int leftBase = knots.preBase(left);
    int rightBase = knots.preBase(right);
    for (int l = pieces.from(k); l < layers; l++) {
      int count = 0;
      double bandLeft = rounding * Math.max(knots.scale(left, l), 1e-300);
      double bandRight = rounding * Math.max(knots.scale(right, l), 1e-300);
      int end = knots.unitStart(l + 1);
      for (double t : thresholds[l]) {
        for (int u = knots.unitStart(l); u < end; u++) {
          double ea = pre[leftBase + u] - t;
          double eb = pre[rightBase + u] - t;
          // Non-short-circuit & and |: the side tests are coin flips per unit, a mispredicted
          // branch each; as one boolean they compile to flag arithmetic and a rarely taken branch.
          boolean crosses = (ea > bandLeft & eb < -bandRight) | (ea < -bandLeft & eb > bandRight);
          if (crosses) {
            double alpha = a + width * (ea / (ea - eb));
            if (alpha - a > MIN_GAP && b - alpha > MIN_GAP) {
              if (count == cuts.length) {
                cuts = Arrays.copyOf(cuts, 2 * count);
              }
              cuts[count++] = alpha;
            }
          }
        }
      }
      if (count > 0) {
        cutLayer = l;
        return distinct(cuts, count);
      }
    }
    return 0;
  }

  /**
   * Sorts {@code values[0..count)} and merges crossings closer than {@link #MIN_GAP} into one cut,
   * in place; returns how many remain.
   */
  private static int distinct(double[] values, int count) {
    Arrays.sort(values, 0, count);
    int kept = 1;
    for (int k = 1; k < count; k++) {
      if (values[k] - values[kept - 1] > MIN_GAP) {
        values[kept++] = values[k];
      }
    }
    return kept;
  }

  /**
   * Runs knots {@code first..} forward (after the probe points, if any), fetching the kink layers
   * from {@code firstLayer} on (the earliest any of them will examine), and stores the results.
   */
  private void evaluate(
      PathSet paths, KnotTable knots, int first, int firstLayer, double[] probeValues) {
    int probes = probeValues == null ? 0 : probeValues.length;
    stream.restart(
        probes + knots.size() - first,
        firstLayer,
        (slot, value, pre, base) -> {
          if (slot < probes) {
            probeValues[slot] = value;
          } else {
            knots.store(first + slot - probes, value, pre, base);
          }
        });
    for (int k = 0; k < probes; k++) {
      paths.writeProbe(k, stream.buffer(), stream.next(k));
    }
    for (int k = first; k < knots.size(); k++) {
      int path = knots.path(k);
      paths.writePoint(path, knots.alpha(k), stream.buffer(), stream.next(paths.owner(path)));
    }
    stream.flush();
  }
}
