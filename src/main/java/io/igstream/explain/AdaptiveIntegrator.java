package io.igstream.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * IG by adaptive subdivision of the path, all paths refined together in rounds, with panels that
 * switch from Gauss&ndash;Kronrod G7/K15 to two-point panels where the path crosses kinks (see
 * {@link AdaptivePanel} for the estimates {@code A_P} and indicators {@code e_P}).
 *
 * <p>Round 1 evaluates both endpoints and one K15 panel on {@code [0,1]}. With {@code dF = F(x) -
 * F(x')}, {@code tau = max(absTol, relTol * |dF|)} and {@code A = (x - x') o sum_P A_P}, a path is
 * done when
 *
 * <pre>{@code |sum_i A_i - dF| <= tau  and  sum_P e_P <= tau}</pre>
 *
 * Completeness alone is not enough: on ReLU paths the errors of different features cancel in the
 * sum. Otherwise every K15 panel whose local completeness error shows a kink becomes 16 two-point
 * panels on the 17 nodes it already has (nothing is thrown away), and then the panels with the
 * largest indicators are bisected, worst first, until the indicators left alone add up to at most
 * {@code tau / 2}; a round splits only panels with {@code e_P >= }{@value #ROUND_FRACTION}{@code
 * max_P e_P}, so the budget goes where the error is, and never a panel narrower than {@value
 * #MIN_PANEL_WIDTH}. A smooth K15 panel splits into two K15 panels (30 evaluations, the endpoints
 * and centre are reused); a two-point panel costs one evaluation, its midpoint.
 *
 * <p>Why: a ReLU network with a scalar head {@code h} (identity, sigmoid, tanh) is {@code F = h(z)}
 * with {@code z} piecewise affine, so along the path its gradient keeps one direction within each
 * linear region and only turns at kinks. High polynomial order buys nothing there; a two-point
 * panel inside one region is exact for any head ({@code IG_i} over {@code [a,b]} {@code = (F(b) -
 * F(a)) d_i g_i / (d.g)}, see {@link TwoPointRule}), so the work goes into bisecting the panels
 * whose end gradients are not parallel, one evaluation per halving, until their share of the error
 * is small. Smooth paths keep the K15 rule and converge in 17&ndash;77 evaluations.
 *
 * <p>Cost, counted per path: {@value #INITIAL_STEPS} for round 1, then the splits; splits stop when
 * none fits the remaining budget {@code maxSteps}, and the path then reports {@code converged =
 * false} with its best estimate.
 *
 * <p>Every round sends the new points of all unfinished paths of all requests to the model as one
 * stream (one {@code evaluate} call per {@code maxBatchPoints()}).
 *
 * @see <a href="https://www.netlib.org/quadpack/">QUADPACK (qk15, qag)</a>
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017</a>
 */
final class AdaptiveIntegrator {
  /** Evaluations of the first round: both endpoints and one K15 panel. */
  static final int INITIAL_STEPS = 2 + GaussKronrod15.POINTS;

  /** Panels narrower than this are not split (the kink is located to {@code 1e-12}). */
  static final double MIN_PANEL_WIDTH = 1e-12;

  /** A round splits only panels whose indicator is at least this fraction of the largest. */
  static final double ROUND_FRACTION = 0.25;

  /** Local completeness errors below this fraction of {@code tau} do not mark a kink. */
  static final double NEGLIGIBLE = 1e-3;

  private final IgOptions options;

  AdaptiveIntegrator(IgOptions options) {
    this.options = options;
  }

  PathEstimates integrate(GradientFunction function, PathSet paths) {
    int n = paths.pathCount();
    int d = paths.dimension();
    PathEstimates estimates = new PathEstimates(paths);
    double[][] directions = new double[n][d];
    for (int p = 0; p < n; p++) {
      for (int i = 0; i < d; i++) {
        directions[p][i] = paths.difference(p, i);
      }
    }
    List<List<AdaptivePanel>> active = new ArrayList<>(n);
    List<AdaptivePanel> fresh = new ArrayList<>(n);
    List<AdaptivePanel.Node> nodes = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      active.add(new ArrayList<>());
      AdaptivePanel.Node start = new AdaptivePanel.Node(p, 0);
      AdaptivePanel.Node end = new AdaptivePanel.Node(p, 1);
      AdaptivePanel panel = AdaptivePanel.kronrod(start, end);
      nodes.add(start);
      nodes.add(end);
      nodes.addAll(panel.interior());
      fresh.add(panel);
    }
    PointStream stream = new PointStream(function);
    Round round = new Round(paths, directions, estimates);
    round.evaluate(stream, nodes, true);
    for (int p = 0; p < n; p++) {
      estimates.startValues[p] = fresh.get(p).left.value;
      estimates.endValues[p] = fresh.get(p).right.value;
    }
    boolean[] finished = new boolean[n];
    PanelOrder order = new PanelOrder();
    while (!fresh.isEmpty()) {
      for (AdaptivePanel panel : fresh) {
        panel.summarize(directions[panel.path]);
        active.get(panel.path).add(panel);
      }
      fresh = new ArrayList<>();
      nodes = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        if (!finished[p]) {
          finished[p] = refine(p, active.get(p), estimates, fresh, nodes, directions[p], order);
        }
      }
      round.evaluate(stream, nodes, false);
    }
    for (int p = 0; p < n; p++) {
      for (AdaptivePanel panel : active.get(p)) {
        for (int i = 0; i < d; i++) {
          estimates.attributions[p * d + i] += panel.integral[i];
        }
      }
    }
    estimates.scaleByDifference(paths);
    return estimates;
  }

  /**
   * Decides whether path {@code p} is done; otherwise replaces kinked K15 panels by two-point
   * panels and moves the panels to split from {@code panels} to {@code fresh} as halves, their new
   * nodes to {@code nodes}. Returns whether the path is finished: converged, or no split fits the
   * budget.
   *
   * <p>Panels are split worst first (largest indicator first, ties in list order). Only the panels
   * with {@code e_P >= }{@value #ROUND_FRACTION}{@code max_P e_P} can be split in a round, except
   * when none of them fits the budget: then the single worst one that fits is. So only that top
   * group is ordered ({@link PanelOrder}), not every panel of the path every round.
   */
  private boolean refine(
      int p,
      List<AdaptivePanel> panels,
      PathEstimates estimates,
      List<AdaptivePanel> fresh,
      List<AdaptivePanel.Node> nodes,
      double[] direction,
      PanelOrder order) {
    double deltaF = estimates.endValues[p] - estimates.startValues[p];
    double tau = options.tolerance(deltaF);
    if (converged(panels, deltaF, tau)) {
      estimates.converged[p] = true;
      return true;
    }
    if (hasKronrod(panels)) {
      List<AdaptivePanel> replaced = new ArrayList<>(panels.size());
      for (AdaptivePanel panel : panels) {
        if (panel.shouldBecomeTrapezoids(NEGLIGIBLE * tau)) {
          replaced.addAll(panel.toTrapezoids(direction));
        } else {
          replaced.add(panel);
        }
      }
      panels.clear();
      panels.addAll(replaced);
      if (converged(panels, deltaF, tau)) {
        estimates.converged[p] = true;
        return true;
      }
    }
    double untouched = 0;
    double worst = panels.get(0).indicator;
    for (AdaptivePanel panel : panels) {
      untouched += panel.indicator;
      worst = Math.max(worst, panel.indicator);
    }
    double floor = ROUND_FRACTION * worst;
    int remaining = options.maxSteps() - estimates.steps[p];
    boolean splitAny = false;
    order.sortTopGroup(panels, floor);
    for (int k = 0; k < order.size(); k++) {
      AdaptivePanel panel = panels.get(order.get(k));
      if (splitAny && untouched <= tau / 2) {
        break;
      }
      if (panel.splitCost() > remaining || panel.width() <= MIN_PANEL_WIDTH) {
        continue;
      }
      fresh.addAll(panel.split(nodes));
      panel.splitting = true;
      splitAny = true;
      remaining -= panel.splitCost();
      untouched -= panel.indicator;
    }
    if (!splitAny) {
      // None of the top group fits: the worst of the rest that fits, and only that one.
      AdaptivePanel best = null;
      for (AdaptivePanel panel : panels) {
        boolean fits = panel.splitCost() <= remaining && panel.width() > MIN_PANEL_WIDTH;
        if (fits && panel.indicator < floor && (best == null || panel.indicator > best.indicator)) {
          best = panel;
        }
      }
      if (best != null) {
        fresh.addAll(best.split(nodes));
        best.splitting = true;
        splitAny = true;
      }
    }
    if (splitAny) {
      panels.removeIf(panel -> panel.splitting);
    }
    return !splitAny;
  }

  private static boolean hasKronrod(List<AdaptivePanel> panels) {
    for (AdaptivePanel panel : panels) {
      if (panel.isKronrod()) {
        return true;
      }
    }
    return false;
  }

  private static boolean converged(List<AdaptivePanel> panels, double deltaF, double tau) {
    double sum = 0;
    double indicators = 0;
    for (AdaptivePanel panel : panels) {
      sum += panel.contribution;
      indicators += panel.indicator;
    }
    return Math.abs(sum - deltaF) <= tau && indicators <= tau;
  }

  /** Evaluates one round's points: probes (first round only), then every new node. */
  private static final class Round {
    private final PathSet paths;
    private final double[][] directions;
    private final PathEstimates estimates;

    Round(PathSet paths, double[][] directions, PathEstimates estimates) {
      this.paths = paths;
      this.directions = directions;
      this.estimates = estimates;
    }

    void evaluate(PointStream stream, List<AdaptivePanel.Node> nodes, boolean first) {
      int probes = first ? paths.probeCount() : 0;
      if (probes + nodes.size() == 0) {
        return;
      }
      int d = paths.dimension();
      stream.restart(
          probes + nodes.size(),
          (slot, value, gradients, offset) -> {
            if (slot < probes) {
              estimates.probeValues[slot] = value;
            } else {
              AdaptivePanel.Node node = nodes.get(slot - probes);
              double[] gradient = new double[d];
              System.arraycopy(gradients, offset, gradient, 0, d);
              node.evaluated(value, gradient, directions[node.path]);
            }
          });
      for (int k = 0; k < probes; k++) {
        paths.writeProbe(k, stream.buffer(), stream.next(k));
      }
      for (AdaptivePanel.Node node : nodes) {
        paths.writePoint(
            node.path, node.alpha, stream.buffer(), stream.next(paths.owner(node.path)));
        estimates.steps[node.path]++;
      }
      stream.flush();
    }
  }
}
