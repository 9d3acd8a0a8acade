package io.igstream.drift;

/**
 * The distances between a window's attribution shares {@code p} and a reference's shares {@code q}
 * (both distributions over the same features, each summing to 1).
 */
public final class DriftDistances {
  private DriftDistances() {}

  /** Per feature: {@code p_i − q_i} (in share points: 0.10 = ten points). */
  public static double[] shareChange(double[] p, double[] q) {
    requireSameLength(p, q);
    double[] d = new double[p.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = p[i] - q[i];
    }
    return d;
  }

  /**
   * Jensen–Shannon divergence in bits: {@code JSD(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m)} with {@code m
   * = (p + q) / 2} and {@code KL(p ‖ m) = Σ p_i log2(p_i / m_i)}, using {@code 0 · log 0 = 0}. It
   * is symmetric, always finite (m_i > 0 wherever p_i or q_i is), 0 for identical shares and 1 for
   * shares on disjoint features.
   *
   * @see <a href="https://doi.org/10.1109/18.61115">Lin, Divergence measures based on the Shannon
   *     entropy, IEEE Trans. Inf. Theory 37(1), 1991</a>
   */
  public static double jensenShannon(double[] p, double[] q) {
    requireSameLength(p, q);
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      sum += xLogXOverM(p[i], m) + xLogXOverM(q[i], m);
    }
    // Rounding can leave a tiny negative value for identical inputs; the divergence is >= 0.
    return Math.min(1.0, Math.max(0.0, sum / 2));
  }

  private static double xLogXOverM(double x, double m) {
    return x > 0 ? x * (Math.log(x / m) / Math.log(2)) : 0.0;
  }

  /**
   * nDCG@k of the window's ranking, graded by the reference: rank the features by window share
   * (largest first, ties by feature order) and take the top {@code k}; with {@code rel(f) = q_f}
   * (the feature's reference share),
   *
   * <pre>{@code
   * DCG@k  = Σ_{r=1..k} rel(f_r) / log2(r + 1)      f_r = the window's r-th feature
   * IDCG@k = Σ_{r=1..k} rel(g_r) / log2(r + 1)      g_r = the reference's own r-th feature
   * nDCG@k = DCG@k / IDCG@k                          in (0, 1]; 1 = same top-k order
   * }</pre>
   *
   * <p>Swapping two features of nearly equal reference share costs almost nothing; pushing the
   * reference's most important feature out of the top k costs most. {@code k} larger than the
   * feature count means all features. IDCG is never 0: the reference's top feature has share {@code
   * >= 1/n}.
   *
   * @see <a href="https://doi.org/10.1145/582415.582418">Järvelin &amp; Kekäläinen, Cumulated
   *     gain-based evaluation of IR techniques, ACM TOIS 20(4), 2002</a>
   */
  public static double ndcgAtK(double[] p, double[] q, int k) {
    requireSameLength(p, q);
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    int depth = Math.min(k, p.length);
    int[] windowRanking = AttributionProfile.rank(p);
    int[] idealRanking = AttributionProfile.rank(q);
    double dcg = 0;
    double idcg = 0;
    for (int r = 1; r <= depth; r++) {
      double discount = Math.log(r + 1) / Math.log(2);
      dcg += q[windowRanking[r - 1]] / discount;
      idcg += q[idealRanking[r - 1]] / discount;
    }
    return idcg > 0 ? dcg / idcg : 1.0;
  }

  private static void requireSameLength(double[] p, double[] q) {
    if (p.length != q.length || p.length == 0) {
      throw new IllegalArgumentException(
          "shares over different features: " + p.length + " vs " + q.length + " values");
    }
  }
}
