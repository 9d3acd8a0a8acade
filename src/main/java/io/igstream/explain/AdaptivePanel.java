package io.igstream.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One panel {@code [a, b]} of one path for {@link AdaptiveIntegrator}: either a Gauss&ndash;Kronrod
 * G7/K15 panel (15 interior nodes) or a two-point panel (its two endpoints only). Both know {@code
 * F} and {@code grad F} at their endpoints, which nest under bisection, so the exact local
 * completeness identity
 *
 * <pre>
 * {@code sum_i d_i int_a^b g_i(t) dt = F(b) - F(a)     (d = x - x', g = grad F along the path)}
 * </pre>
 *
 * can be checked on every panel. Writing {@code A_P} for the panel's estimate of {@code int_a^b g}
 * and {@code h = b - a}:
 *
 * <ul>
 *   <li>K15 panel: {@code A_P = K15_P}, indicator {@code e_P = ||d o (K15_P - G7_P)||_1}. Its local
 *       completeness error {@code c_P = F(b) - F(a) - d.K15_P} is far below {@code e_P} where the
 *       gradient is smooth (K15 is then much better than G7) and of the same order where the panel
 *       holds a kink; {@code |c_P| > }{@value #KINK_RATIO}{@code e_P} together with a stretch where
 *       neighbouring gradients are parallel marks the panel as kinked (see {@link
 *       #shouldBecomeTrapezoids}).
 *   <li>Two-point ("trapezoid") panel: {@link TwoPointRule}, exact inside one linear region of a
 *       ReLU network with any smooth scalar head (gradients there are parallel) and, for a linear
 *       head, on a panel holding one kink.
 * </ul>
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017 (completeness)</a>
 * @see <a href="https://www.netlib.org/quadpack/qk15.f">QUADPACK qk15.f</a>
 */
final class AdaptivePanel {
  /** {@code |c_P| / e_P} above which a K15 panel is treated as holding a kink. */
  static final double KINK_RATIO = 0.005;

  /**
   * L1 distance of the unit-L1 gradients below which two gradients count as parallel: float32
   * rounding (about {@code 1e-7} relative) passes, the direction change between K15 nodes of a
   * smooth model does not.
   */
  static final double SAME_DIRECTION = 1e-5;

  /**
   * A point {@code x' + alpha (x - x')} of a path with {@code F} and {@code grad F} there, and the
   * two sums over {@code d o grad F} that every two-point panel ending here needs: computed once
   * per node instead of once per panel and per use.
   */
  static final class Node {
    final int path;
    final double alpha;
    double value;
    double[] gradient;

    /** {@code d . g}: the slope of F along the path. */
    double slope;

    /** {@code ||d o g||_1}. */
    double size;

    Node(int path, double alpha) {
      this.path = path;
      this.alpha = alpha;
    }

    /** Sets {@code F} and {@code grad F} (taking {@code gradient}) for path direction {@code d}. */
    void evaluated(double value, double[] gradient, double[] direction) {
      this.value = value;
      this.gradient = gradient;
      double s = 0;
      double n = 0;
      for (int i = 0; i < direction.length; i++) {
        double term = direction[i] * gradient[i];
        s += term;
        n += Math.abs(term);
      }
      slope = s;
      size = n;
    }
  }

  final int path;
  final Node left;
  final Node right;

  /** The 15 K15 nodes in {@link GaussKronrod15} order, or {@code null} for a trapezoid panel. */
  private final Node[] interior;

  double[] integral;
  double contribution;

  /**
   * Two-point panels: the largest {@code ||d o g||_1} seen on the K15 panel they came from and on
   * their own ends; the scale of what a panel can hide between its ends.
   */
  private double gradientScale;

  double indicator;

  /** Set when the integrator splits this panel; it then leaves the path's panel list. */
  boolean splitting;

  private double localError;
  private double scale;

  private AdaptivePanel(Node left, Node right, Node[] interior) {
    this.path = left.path;
    this.left = left;
    this.right = right;
    this.interior = interior;
  }

  /** A K15 panel whose 15 interior nodes are still to be evaluated (see {@link #pending}). */
  static AdaptivePanel kronrod(Node left, Node right) {
    Node[] nodes = new Node[GaussKronrod15.POINTS];
    double width = right.alpha - left.alpha;
    for (int j = 0; j < nodes.length; j++) {
      nodes[j] = new Node(left.path, left.alpha + width * GaussKronrod15.unitAlpha(j));
    }
    return new AdaptivePanel(left, right, nodes);
  }

  static AdaptivePanel trapezoid(Node left, Node right) {
    return new AdaptivePanel(left, right, null);
  }

  double width() {
    return right.alpha - left.alpha;
  }

  boolean isKronrod() {
    return interior != null;
  }

  /** The 15 K15 nodes; none for a trapezoid panel. */
  List<Node> interior() {
    return interior == null ? List.of() : Arrays.asList(interior);
  }

  /** Evaluations one {@link #split} costs. */
  int splitCost() {
    return isKronrod() ? 2 * GaussKronrod15.POINTS : 1;
  }

  /**
   * Whether this K15 panel holds a kink and is better integrated as two-point panels on its 17
   * nodes. Two signals must agree: {@code |c_P| > KINK_RATIO e_P} (above both {@code negligible}
   * and the rounding level of the values involved, below which it says nothing), and two
   * neighbouring nodes with parallel gradients (to {@value #SAME_DIRECTION}), i.e. the model is
   * {@code h(linear)} between them, as a ReLU network with a scalar head is within a linear region
   * and a smooth one is not. The second signal keeps smooth panels, whose {@code |c_P| / e_P}
   * reaches {@code 1e-2} on a wide panel, on the K15 rule.
   */
  boolean shouldBecomeTrapezoids(double negligible) {
    double noise = 1e-11 * scale;
    return isKronrod()
        && Math.abs(localError) > Math.max(KINK_RATIO * indicator, Math.max(negligible, noise))
        && hasParallelStretch();
  }

  private boolean hasParallelStretch() {
    List<Node> nodes = sortedNodes();
    for (int k = 0; k + 1 < nodes.size(); k++) {
      if (TwoPointRule.parallel(nodes.get(k).gradient, nodes.get(k + 1).gradient)) {
        return true;
      }
    }
    return false;
  }

  private List<Node> sortedNodes() {
    List<Node> nodes = new ArrayList<>(interior());
    nodes.add(left);
    nodes.add(right);
    nodes.sort(Comparator.comparingDouble((Node node) -> node.alpha));
    return nodes;
  }

  /**
   * Computes estimate and indicator once all nodes are evaluated; {@code direction} is {@code x -
   * x'} of this panel's path.
   */
  void summarize(double[] direction) {
    int d = direction.length;
    integral = new double[d];
    if (isKronrod()) {
      localError = right.value - left.value;
      scale = Math.abs(right.value) + Math.abs(left.value);
      double width = width();
      indicator = 0;
      for (int i = 0; i < d; i++) {
        double kronrod = 0;
        double gauss = 0;
        for (int j = 0; j < interior.length; j++) {
          kronrod += GaussKronrod15.unitKronrodWeight(j) * interior[j].gradient[i];
          gauss += GaussKronrod15.unitGaussWeight(j) * interior[j].gradient[i];
        }
        integral[i] = width * kronrod;
        double difference = direction[i];
        indicator += Math.abs(difference * width * (kronrod - gauss));
        localError -= difference * integral[i];
        scale += Math.abs(difference * integral[i]);
      }
    } else {
      gradientScale = Math.max(gradientScale, Math.max(left.size, right.size));
      TwoPointRule.Estimate estimate =
          TwoPointRule.estimate(left, right, direction, gradientScale, integral);
      localError = estimate.localError();
      indicator = estimate.indicator();
    }
    contribution = 0;
    for (int i = 0; i < d; i++) {
      contribution += direction[i] * integral[i];
    }
  }

  /**
   * The two halves: K15 panels share the centre node (K15 node 14) as their common endpoint and get
   * 15 new nodes each; trapezoid panels need only the new midpoint. New nodes are appended to
   * {@code toEvaluate}.
   */
  List<AdaptivePanel> split(List<Node> toEvaluate) {
    if (isKronrod()) {
      Node centre = interior[GaussKronrod15.POINTS - 1];
      AdaptivePanel first = kronrod(left, centre);
      AdaptivePanel second = kronrod(centre, right);
      toEvaluate.addAll(first.interior());
      toEvaluate.addAll(second.interior());
      return List.of(first, second);
    }
    Node middle = new Node(path, 0.5 * (left.alpha + right.alpha));
    toEvaluate.add(middle);
    AdaptivePanel first = trapezoid(left, middle);
    AdaptivePanel second = trapezoid(middle, right);
    first.gradientScale = gradientScale;
    second.gradientScale = gradientScale;
    return List.of(first, second);
  }

  /** The 16 trapezoid panels between this K15 panel's 17 nodes, summarized; costs nothing. */
  List<AdaptivePanel> toTrapezoids(double[] direction) {
    List<Node> nodes = sortedNodes();
    double scale = 0;
    for (Node node : nodes) {
      scale = Math.max(scale, node.size);
    }
    List<AdaptivePanel> panels = new ArrayList<>(nodes.size() - 1);
    for (int k = 0; k + 1 < nodes.size(); k++) {
      AdaptivePanel panel = trapezoid(nodes.get(k), nodes.get(k + 1));
      panel.gradientScale = scale;
      panel.summarize(direction);
      panels.add(panel);
    }
    return panels;
  }
}
