package io.igstream.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the path integral {@code IG_i = (x_i - x'_i) * int_0^1 dF/dx_i(x' + a (x - x')) da} is
 * computed:
 *
 * <ul>
 *   <li>{@link #AUTO} (the default): {@link #EXACT} when the model is a {@link
 *       PiecewiseAffineFunction} (a ReLU network under a smooth head, as the model layer decides
 *       from the graph), {@link #ADAPTIVE} otherwise;
 *   <li>{@link #EXACT}: cut the path at its breakpoints and integrate each linear region exactly
 *       ({@code ExactPiecewiseIntegrator});
 *   <li>{@link #ADAPTIVE}: Gauss&ndash;Kronrod panels where the path is smooth, two-point panels
 *       (exact inside a linear region of a ReLU network with any scalar head) where it crosses ReLU
 *       kinks;
 *   <li>a {@link QuadratureRule} with a fixed number of steps.
 * </ul>
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, "Axiomatic Attribution
 *     for Deep Networks", 2017</a>
 */
public sealed interface IntegrationMethod
    permits QuadratureRule,
        IntegrationMethod.Adaptive,
        IntegrationMethod.Exact,
        IntegrationMethod.Auto {

  /**
   * Adaptive subdivision of the path with Gauss&ndash;Kronrod G7/K15 panels that become two-point
   * (generalized trapezoid) panels where the model is a scalar head of a piecewise linear function;
   * see {@code AdaptiveIntegrator}.
   */
  IntegrationMethod ADAPTIVE = new Adaptive();

  /** Breakpoint-aware exact integration of a {@link PiecewiseAffineFunction}. */
  IntegrationMethod EXACT = new Exact();

  /** {@link #EXACT} where the function is piecewise affine, else {@link #ADAPTIVE}. */
  IntegrationMethod AUTO = new Auto();

  /** The name used in configuration and audit output, e.g. {@code gausslegendre}. */
  String publicName();

  /**
   * Parses a public name, case-insensitively: {@code auto}, {@code exact} (alias {@code
   * exact_piecewise}, the name reported in output), {@code adaptive} (alias {@code
   * adaptive_kronrod_trapezoid}) or one of the {@link QuadratureRule} names.
   *
   * @throws IllegalArgumentException naming the valid names when {@code name} is none of them
   */
  static IntegrationMethod parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("adaptive") || key.equals(ADAPTIVE.publicName())) {
      return ADAPTIVE;
    }
    if (key.equals("exact") || key.equals(EXACT.publicName())) {
      return EXACT;
    }
    if (key.equals(AUTO.publicName())) {
      return AUTO;
    }
    for (QuadratureRule rule : QuadratureRule.values()) {
      if (rule.publicName().equals(key)) {
        return rule;
      }
    }
    throw new IllegalArgumentException(
        "unknown integration method '" + name + "'; valid: " + validNames());
  }

  /** All accepted names, comma separated, for error messages and help texts. */
  static String validNames() {
    return Stream.concat(
            Stream.of("auto", "exact", EXACT.publicName(), "adaptive", ADAPTIVE.publicName()),
            Arrays.stream(QuadratureRule.values()).map(QuadratureRule::publicName))
        .collect(Collectors.joining(", "));
  }

  /** The adaptive method; see {@link #ADAPTIVE} and {@code AdaptiveIntegrator}. */
  record Adaptive() implements IntegrationMethod {
    @Override
    public String publicName() {
      return "adaptive_kronrod_trapezoid";
    }
  }

  /** The exact method; see {@link #EXACT} and {@code ExactPiecewiseIntegrator}. */
  record Exact() implements IntegrationMethod {
    @Override
    public String publicName() {
      return "exact_piecewise";
    }
  }

  /** Exact where the function allows it, else adaptive; see {@link #AUTO}. */
  record Auto() implements IntegrationMethod {
    @Override
    public String publicName() {
      return "auto";
    }
  }
}
