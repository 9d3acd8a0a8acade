package io.igstream.explain;

/**
 * Nodes {@code alpha_k} in {@code [0,1]} and weights {@code w_k} of a quadrature rule, so that
 * {@code int_0^1 g(a) da ~ sum_k w_k g(alpha_k)}. The weights sum to 1 (up to rounding), so a
 * constant gradient is integrated exactly.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public record QuadratureNodes(double[] alphas, double[] weights) {

  /** Copies the arrays and checks they have the same, non-zero length. */
  public QuadratureNodes {
    if (alphas.length == 0 || alphas.length != weights.length) {
      throw new IllegalArgumentException(
          "need as many weights as nodes (>0), got "
              + alphas.length
              + " nodes and "
              + weights.length
              + " weights");
    }
    alphas = alphas.clone();
    weights = weights.clone();
  }

  /** The number of nodes. */
  public int size() {
    return alphas.length;
  }

  @Override
  public double[] alphas() {
    return alphas.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }
}
