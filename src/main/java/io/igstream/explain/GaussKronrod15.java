package io.igstream.explain;

/**
 * The 15-point Gauss&ndash;Kronrod rule K15 and its embedded 7-point Gauss rule G7, mapped to the
 * unit panel {@code [0,1]}. K15 is exact for polynomials of degree 22, G7 for degree 13; because
 * the 7 Gauss nodes are among the 15 Kronrod nodes, {@code |K15 - G7|} is an error indicator that
 * costs no extra evaluations.
 *
 * <p>Node {@code j} of a panel {@code [l, r]} is {@code alpha = l + (r - l) * unitAlpha(j)} with
 * weights {@code (r - l) * unitKronrodWeight(j)} and {@code (r - l) * unitGaussWeight(j)} (zero for
 * the 8 Kronrod-only nodes). Values are QUADPACK's {@code QK15} ({@code xgk}, {@code wgk}, {@code
 * wg}).
 *
 * @see <a href="https://www.netlib.org/quadpack/qk15.f">QUADPACK qk15.f</a>
 */
final class GaussKronrod15 {
  /** Nodes per panel. */
  static final int POINTS = 15;

  private static final double[] XGK = {
    0.991455371120812639206854697526329,
    0.949107912342758524526189684047851,
    0.864864423359769072789712788640926,
    0.741531185599394439863864773280788,
    0.586087235467691130294144845693013,
    0.405845151377397166906606412076961,
    0.207784955007898467600689403773245,
    0.000000000000000000000000000000000
  };
  private static final double[] WGK = {
    0.022935322010529224963732008058970,
    0.063092092629978553290700663189204,
    0.104790010322250183839876322541518,
    0.140653259715525918745189590510238,
    0.169004726639267902826583426598550,
    0.190350578064785409913256402421014,
    0.204432940075298892414161999234649,
    0.209482141084727828012999174891714
  };
  private static final double[] WG = {
    0.129484966168869693270611432679082,
    0.279705391489276667901467771423780,
    0.381830050505118944950369775488975,
    0.417959183673469387755102040816327
  };

  private static final double[] UNIT_ALPHAS = new double[POINTS];
  private static final double[] UNIT_KRONROD = new double[POINTS];
  private static final double[] UNIT_GAUSS = new double[POINTS];

  static {
    // Nodes 2j and 2j+1 are -xgk[j] and +xgk[j]; node 14 is the centre. Odd j are Gauss nodes.
    for (int j = 0; j < 7; j++) {
      double gauss = j % 2 == 1 ? WG[j / 2] : 0;
      for (int side = 0; side < 2; side++) {
        int node = 2 * j + side;
        UNIT_ALPHAS[node] = 0.5 * (1 + (side == 0 ? -XGK[j] : XGK[j]));
        UNIT_KRONROD[node] = 0.5 * WGK[j];
        UNIT_GAUSS[node] = 0.5 * gauss;
      }
    }
    UNIT_ALPHAS[14] = 0.5;
    UNIT_KRONROD[14] = 0.5 * WGK[7];
    UNIT_GAUSS[14] = 0.5 * WG[3];
  }

  private GaussKronrod15() {}

  /** Node {@code j} on {@code [0,1]}. */
  static double unitAlpha(int j) {
    return UNIT_ALPHAS[j];
  }

  /** K15 weight of node {@code j} on {@code [0,1]} (the 15 sum to 1). */
  static double unitKronrodWeight(int j) {
    return UNIT_KRONROD[j];
  }

  /** G7 weight of node {@code j} on {@code [0,1]}, zero for Kronrod-only nodes (the 7 sum to 1). */
  static double unitGaussWeight(int j) {
    return UNIT_GAUSS[j];
  }
}
