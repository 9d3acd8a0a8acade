package io.igstream.explain;

import java.util.Locale;

/**
 * Fixed-step quadrature rules on {@code [0,1]} for the IG path integral. With {@code m} steps:
 *
 * <ul>
 *   <li>{@code riemann_left}: {@code alpha_k = k/m}, {@code w_k = 1/m}, {@code k = 0..m-1}
 *   <li>{@code riemann_right}: {@code alpha_k = (k+1)/m}, {@code w_k = 1/m}
 *   <li>{@code riemann_middle}: {@code alpha_k = (k+1/2)/m}, {@code w_k = 1/m}
 *   <li>{@code riemann_trapezoid}: {@code alpha_k = k/(m-1)}, {@code w_k = 1/(m-1)} inside and
 *       {@code 1/(2(m-1))} at both ends; needs {@code m >= 2}. Unlike Captum/Alibi (whose trapezoid
 *       weights sum to {@code (m-1)/m}, a systematic under-estimate), these weights sum to 1.
 *   <li>{@code gausslegendre}: the {@code m}-point Gauss&ndash;Legendre rule mapped to {@code
 *       [0,1]}, exact for polynomials of degree {@code 2m-1}.
 * </ul>
 *
 * <p>Every rule's weights sum to 1, so {@code sum_i IG_i = F(x) - F(x')} holds exactly for linear
 * models.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017, section 3</a>
 */
public enum QuadratureRule implements IntegrationMethod {
  RIEMANN_LEFT("riemann_left"),
  RIEMANN_RIGHT("riemann_right"),
  RIEMANN_MIDDLE("riemann_middle"),
  RIEMANN_TRAPEZOID("riemann_trapezoid"),
  GAUSS_LEGENDRE("gausslegendre");

  private final String publicName;

  QuadratureRule(String publicName) {
    this.publicName = publicName;
  }

  @Override
  public String publicName() {
    return publicName;
  }

  /** The smallest number of steps the rule accepts: 2 for the trapezoid, 1 otherwise. */
  public int minimumSteps() {
    return this == RIEMANN_TRAPEZOID ? 2 : 1;
  }

  /**
   * The {@code m} nodes and weights of this rule on {@code [0,1]}.
   *
   * @throws IllegalArgumentException if {@code m < minimumSteps()}
   */
  public QuadratureNodes nodes(int m) {
    if (m < minimumSteps()) {
      throw new IllegalArgumentException(
          publicName
              + " needs at least "
              + minimumSteps()
              + " steps"
              + (this == RIEMANN_TRAPEZOID ? " (both path endpoints)" : "")
              + ", got "
              + m);
    }
    if (this == GAUSS_LEGENDRE) {
      return GaussLegendre.onUnitInterval(m);
    }
    double[] alphas = new double[m];
    double[] weights = new double[m];
    for (int k = 0; k < m; k++) {
      alphas[k] = alpha(k, m);
      weights[k] = 1.0 / (this == RIEMANN_TRAPEZOID ? m - 1 : m);
    }
    if (this == RIEMANN_TRAPEZOID) {
      weights[0] *= 0.5;
      weights[m - 1] *= 0.5;
    }
    return new QuadratureNodes(alphas, weights);
  }

  private double alpha(int k, int m) {
    return switch (this) {
      case RIEMANN_LEFT -> (double) k / m;
      case RIEMANN_RIGHT -> (double) (k + 1) / m;
      case RIEMANN_MIDDLE -> (k + 0.5) / m;
      case RIEMANN_TRAPEZOID -> (double) k / (m - 1);
      case GAUSS_LEGENDRE -> throw new AssertionError("computed by GaussLegendre");
    };
  }

  /**
   * Parses a rule name case-insensitively.
   *
   * @throws IllegalArgumentException listing the valid names when {@code name} is not a rule
   */
  public static QuadratureRule parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (QuadratureRule rule : values()) {
      if (rule.publicName.equals(key)) {
        return rule;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (QuadratureRule rule : values()) {
      valid.append(valid.length() == 0 ? "" : ", ").append(rule.publicName);
    }
    throw new IllegalArgumentException("unknown quadrature rule '" + name + "'; valid: " + valid);
  }
}
