package io.igstream.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One panel {@code [a, b]} of one path for {@link AdaptiveIntegrator}: either a Gauss&ndash;Kronrod
 * G7/K15 panel (15 interior nodes) or a trapezoid panel (its two endpoints only). Both know {@code
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
 *       the gradient is constant marks the panel as kinked (see {@link #shouldBecomeTrapezoids}).
 *   <li>Trapezoid panel: with {@code T = h (g(a) + g(b)) / 2}, {@code c = F(b) - F(a) - d.T} and
 *       {@code s = d.(g(b) - g(a))}: if {@code g} jumps once, at {@code t}, then {@code int_a^b g =
 *       T - (t - m)(g(b) - g(a))} with {@code m} the midpoint and {@code c = -(t - m) s}. So {@code
 *       A_P = T + (c / s)(g(b) - g(a))}, the shift clamped to {@code |c/s| <= h/2}, is exact for a
 *       panel holding a single ReLU kink and equals {@code T} on a kink-free one. Indicator {@code
 *       e_P = max(h/2 ||d o (g(b) - g(a))||_1, |c|)}: the first term bounds the trapezoid error of
 *       one jump, the second sees kinks whose gradient jumps cancel between the endpoints.
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

  /** A two-point panel rescales its estimate to local completeness by at most this factor. */
  static final double MAX_RESCALE = 4;

  /** A point {@code x' + alpha (x - x')} of a path with {@code F} and {@code grad F} there. */
  static final class Node {
    final int path;
    final double alpha;
    double value;
    double[] gradient;

    Node(int path, double alpha) {
      this.path = path;
      this.alpha = alpha;
    }
  }

  final int path;
  final Node left;
  final Node right;

  /** The 15 K15 nodes in {@link GaussKronrod15} order, or {@code null} for a trapezoid panel. */
  private final Node[] interior;

  double[] integral;
  double contribution;
  double indicator;
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
   * Whether this K15 panel holds a kink and is better integrated as trapezoids on its 17 nodes. Two
   * signals must agree: {@code |c_P| > KINK_RATIO e_P} (above both {@code negligible} and the
   * rounding level of the values involved, below which it says nothing), and two neighbouring nodes
   * with the same gradient (to {@value #SAME_GRADIENT} relative), i.e. the model is linear between
   * them, as a piecewise-linear (ReLU) network is between kinks and a smooth one is not. The second
   * signal keeps smooth panels, whose {@code |c_P| / e_P} reaches {@code 1e-2} on a wide panel, on
   * the K15 rule.
   */
  boolean shouldBecomeTrapezoids(double negligible) {
    double noise = 1e-11 * scale;
    return isKronrod()
        && Math.abs(localError) > Math.max(KINK_RATIO * indicator, Math.max(negligible, noise))
        && hasLinearStretch();
  }

  private boolean hasLinearStretch() {
    List<Node> nodes = sortedNodes();
    for (int k = 0; k + 1 < nodes.size(); k++) {
      if (parallel(nodes.get(k).gradient, nodes.get(k + 1).gradient)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code a} and {@code b} point the same way, to {@value #SAME_DIRECTION} in L1. */
  static boolean parallel(double[] a, double[] b) {
    double sizeA = 0;
    double sizeB = 0;
    for (int i = 0; i < a.length; i++) {
      sizeA += Math.abs(a[i]);
      sizeB += Math.abs(b[i]);
    }
    if (sizeA == 0 || sizeB == 0) {
      return sizeA == sizeB;
    }
    double difference = 0;
    for (int i = 0; i < a.length; i++) {
      difference += Math.abs(a[i] / sizeA - b[i] / sizeB);
    }
    return difference <= SAME_DIRECTION;
  }

  private List<Node> sortedNodes() {
    List<Node> nodes = new ArrayList<>(interior());
    nodes.add(left);
    nodes.add(right);
    nodes.sort(Comparator.comparingDouble((Node node) -> node.alpha));
    return nodes;
  }

  /** Computes estimate and indicator once all nodes are evaluated. */
  void summarize(PathSet paths) {
    int d = left.gradient.length;
    integral = new double[d];
    localError = right.value - left.value;
    scale = Math.abs(right.value) + Math.abs(left.value);
    if (isKronrod()) {
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
        double difference = paths.difference(path, i);
        indicator += Math.abs(difference * width * (kronrod - gauss));
        localError -= difference * integral[i];
        scale += Math.abs(difference * integral[i]);
      }
    } else {
      indicator = summarizeTwoPoint(paths);
    }
    contribution = 0;
    for (int i = 0; i < d; i++) {
      contribution += paths.difference(path, i) * integral[i];
    }
  }

  /**
   * The two-point estimate {@code A = r (L_a g(a) + L_b g(b))} (see the class comment); sets {@code
   * integral} and {@code localError} (what is left of the local completeness error) and returns the
   * indicator.
   */
  private double summarizeTwoPoint(PathSet paths) {
    int d = left.gradient.length;
    double w = width();
    double deltaF = right.value - left.value;
    double slopeA = 0;
    double slopeB = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < d; i++) {
      double difference = paths.difference(path, i);
      slopeA += difference * left.gradient[i];
      slopeB += difference * right.gradient[i];
      normA += Math.abs(difference * left.gradient[i]);
      normB += Math.abs(difference * right.gradient[i]);
    }
    // Where the tangents F(a) + slopeA (t - a) and F(b) + slopeB (t - b) meet: the kink.
    double lengthA = (deltaF - slopeB * w) / (slopeA - slopeB);
    lengthA = Double.isFinite(lengthA) ? Math.max(0, Math.min(w, lengthA)) : 0.5 * w;
    double lengthB = w - lengthA;
    double predicted = lengthA * slopeA + lengthB * slopeB;
    // Nonzero only where the tangents do not meet inside [a, b]: F(b) - F(a) lies outside
    // [w min(slopeA, slopeB), w max(...)]. A panel inside one region of a monotone slope, or with
    // one kink, lands inside; two kinks with parallel outer gradients need not.
    double residual = deltaF - predicted;
    double ratio = deltaF / predicted;
    double noise = 0x1p-24 * (Math.abs(left.value) + Math.abs(right.value));
    boolean rescale =
        ratio >= 1 / MAX_RESCALE && ratio <= MAX_RESCALE && Math.abs(predicted) > 1e3 * noise;
    double factor = rescale ? ratio : 1;
    localError = rescale ? 0 : residual;
    double size = 0;
    double turn = normA == 0 && normB == 0 ? 0 : 1;
    if (normA > 0 && normB > 0) {
      turn = 0;
      for (int i = 0; i < d; i++) {
        double difference = paths.difference(path, i);
        turn += 0.5 * Math.abs(difference * (left.gradient[i] / normA - right.gradient[i] / normB));
      }
    }
    for (int i = 0; i < d; i++) {
      integral[i] = factor * (lengthA * left.gradient[i] + lengthB * right.gradient[i]);
      size += Math.abs(paths.difference(path, i) * integral[i]);
    }
    // turn in [0, 1]: 0 for parallel endpoint gradients (one region: the estimate is exact), else
    // the estimate's size bounds how wrong the split between the two directions can be.
    double kink = turn * Math.max(size, 0.5 * w * (normA + normB));
    return Math.max(kink, Math.abs(residual));
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
    return List.of(trapezoid(left, middle), trapezoid(middle, right));
  }

  /** The 16 trapezoid panels between this K15 panel's 17 nodes, summarized; costs nothing. */
  List<AdaptivePanel> toTrapezoids(PathSet paths) {
    List<Node> nodes = sortedNodes();
    List<AdaptivePanel> panels = new ArrayList<>(nodes.size() - 1);
    for (int k = 0; k + 1 < nodes.size(); k++) {
      AdaptivePanel panel = trapezoid(nodes.get(k), nodes.get(k + 1));
      panel.summarize(paths);
      panels.add(panel);
    }
    return panels;
  }
}
