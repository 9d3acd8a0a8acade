package io.igstream.explain;

/**
 * The two-point panel rule of {@link AdaptivePanel}: {@code int_a^b grad F} along the path from
 * {@code F} and {@code g = grad F} at {@code a} and {@code b} only.
 *
 * <p>The identity: for a ReLU network with a smooth scalar head, {@code F(x) = h(z(x))} with {@code
 * z} piecewise affine, {@code grad z = c} is constant in a linear region, so there {@code grad F =
 * h'(z) c}: gradients in one region are parallel (equal only for a linear head). With {@code d = x
 * - x'} and {@code [a, b]} inside one region, {@code z(t) = z(a) + (c.d)(t - a)} and
 *
 * <pre>{@code d_i int_a^b g_i dt = d_i c_i int_a^b h'(z(t)) dt = (F(b) - F(a)) d_i g_i / (d.g)}
 * </pre>
 *
 * for ANY gradient {@code g} taken in the region: exact for any head {@code h}, from {@code F} at
 * the ends and one gradient direction. Integrated Gradients' completeness ({@code sum_i IG_i = F(x)
 * - F(x')}) holds panel by panel.
 *
 * <p>The rule: with path slopes {@code s_a = d.g(a)}, {@code s_b = d.g(b)}, put the kink {@code k}
 * where the tangents {@code F(a) + s_a (t - a)} and {@code F(b) + s_b (t - b)} meet, clamped to
 * {@code [a, b]}, and estimate {@code A = r ((k - a) g(a) + (b - k) g(b))} with {@code r} making
 * {@code d.A = F(b) - F(a)} (skipped if {@code r} is outside {@code [1/}{@value #MAX_RESCALE}{@code
 * , }{@value #MAX_RESCALE}{@code ]} or {@code d.A} is near the float32 rounding of {@code F}; then
 * {@code r = 1}). Inside one region {@code g(a)} and {@code g(b)} are parallel, so {@code A} is the
 * identity above, exact; when {@code d.g} vanishes it is the trapezoid. With one kink and a linear
 * head the tangents meet at the kink and {@code A} is exact (the former kink-shifted trapezoid);
 * with a smooth head the kink is located to second order in {@code b - a}.
 *
 * <p>Indicator {@code e = max(turn * max(||d o A||_1, (b - a) S), |res|)}, {@code S} the largest
 * {@code ||d o g||_1} seen on the panel's ends and the K15 panel it came from (a saturating head
 * can hide a steep stretch between two ends with tiny gradients): {@code turn in [0, 1]} is half
 * the L1 distance of the unit {@code d o g} at the two ends (zero when they are parallel, i.e. one
 * region: linear regions are convex, so a straight path cannot leave one and come back); {@code res
 * = F(b) - F(a) - d.A} before rescaling, nonzero only when the tangents do not meet inside {@code
 * [a, b]}, which a panel inside one region with a monotone slope, or holding one kink, never does,
 * but two kinks between parallel gradients may.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, "Axiomatic Attribution
 *     for Deep Networks", 2017</a>
 */
final class TwoPointRule {
  /** The largest factor by which the estimate is rescaled to local completeness. */
  static final double MAX_RESCALE = 4;

  private TwoPointRule() {}

  /** What {@link #estimate} found besides {@code A}: the leftover local error and {@code e}. */
  record Estimate(double localError, double indicator) {}

  /**
   * The estimate {@code A} of {@code int_a^b grad F} from the endpoints, written to {@code
   * integral}; {@code direction = x - x'}, {@code scale} the largest {@code ||d o g||_1} seen near
   * the panel. The ends' slopes {@code d.g} and sizes {@code ||d o g||_1} come cached on the nodes.
   */
  static Estimate estimate(
      AdaptivePanel.Node left,
      AdaptivePanel.Node right,
      double[] direction,
      double scale,
      double[] integral) {
    int d = direction.length;
    double w = right.alpha - left.alpha;
    double deltaF = right.value - left.value;
    double slopeA = left.slope;
    double slopeB = right.slope;
    double normA = left.size;
    double normB = right.size;
    double[] gradientA = left.gradient;
    double[] gradientB = right.gradient;
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
    boolean turns = normA > 0 && normB > 0;
    double turn = normA == 0 && normB == 0 ? 0 : 1;
    if (turns) {
      turn = 0;
    }
    double size = 0;
    // One pass for the turn and A (each sum accumulates in feature order, as before the fusion).
    for (int i = 0; i < d; i++) {
      double difference = direction[i];
      if (turns) {
        turn += 0.5 * Math.abs(difference * (gradientA[i] / normA - gradientB[i] / normB));
      }
      integral[i] = factor * (lengthA * gradientA[i] + lengthB * gradientB[i]);
      size += Math.abs(difference * integral[i]);
    }
    // turn in [0, 1]: 0 for parallel endpoint gradients (one region: the estimate is exact), else
    // the estimate's size bounds how wrong the split between the two directions can be.
    double kink = turn * Math.max(size, w * Math.max(scale, 0.5 * (normA + normB)));
    if (turn > 0 && slopeA != 0 && slopeB != 0) {
      // Where features cancel (|d.g| << ||d o g||_1), shares d_i g_i / (d.g) move more than turn.
      double shares = 0;
      for (int i = 0; i < d; i++) {
        shares += Math.abs(direction[i] * (gradientA[i] / slopeA - gradientB[i] / slopeB));
      }
      kink = Math.max(kink, Math.min(Math.abs(deltaF) * shares, 2 * w * Math.max(scale, size)));
    }
    return new Estimate(rescale ? 0 : residual, Math.max(kink, Math.abs(residual)));
  }

  /**
   * Whether {@code a} and {@code b} point the same way, to {@value AdaptivePanel#SAME_DIRECTION} in
   * L1.
   */
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
    return difference <= AdaptivePanel.SAME_DIRECTION;
  }
}
