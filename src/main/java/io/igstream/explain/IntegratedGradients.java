package io.igstream.explain;

import java.util.List;

/**
 * The Integrated Gradients engine: {@code IG_i(x) = (x_i - x'_i) * int_0^1 dF/dx_i(x' + a (x - x'))
 * da}, which satisfies completeness {@code sum_i IG_i = F(x) - F(x')}. Every result reports how far
 * the numerical integral is from that identity.
 *
 * <p>Immutable and thread-safe; one instance per {@link IgOptions}. {@link #explain} takes a list
 * of requests and sends the points of all of them (all baselines, all noise samples, endpoints
 * included) to the model together, in as few {@link GradientFunction#evaluate} calls as the method
 * allows: one stream for a fixed rule, one per refinement round for the adaptive method, each split
 * by {@link GradientFunction#maxBatchPoints()}.
 *
 * <p>Cost accounting: each (noise sample, baseline) pair is its own path with its own endpoint
 * evaluations, so with several baselines {@code F(x)} is evaluated once per baseline and with
 * smoothing {@code F(x')} once per sample; {@link Attribution#steps()} counts all of them. The
 * adaptive budget {@link IgOptions#maxSteps()} applies per path.
 *
 * <p>Layer IG needs nothing special: pass the layer activations {@code h(x)} and {@code h(x')} as
 * input and baseline, and a {@link GradientFunction} of the rest of the network from that layer;
 * the result is IG along the straight path between the activations.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, "Axiomatic Attribution
 *     for Deep Networks", 2017</a>
 */
public final class IntegratedGradients {
  private final IgOptions options;

  public IntegratedGradients(IgOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    this.options = options;
  }

  /** An engine with {@link IgOptions#defaults()}. */
  public IntegratedGradients() {
    this(IgOptions.defaults());
  }

  public IgOptions options() {
    return options;
  }

  /**
   * Explains every request; result {@code r} belongs to request {@code r}.
   *
   * @throws IllegalArgumentException naming the request and feature index when an input or baseline
   *     has the wrong dimension or a non-finite value
   * @throws IllegalStateException when the model returns a non-finite value or gradient
   */
  public List<Attribution> explain(GradientFunction function, List<PathRequest> requests) {
    int dimension = function.dimension();
    validate(requests, dimension);
    if (requests.isEmpty()) {
      return List.of();
    }
    PathSet paths = PathSet.build(requests, dimension, options.smoothing());
    IntegrationMethod method = methodFor(function);
    PathEstimates estimates;
    if (method instanceof QuadratureRule rule) {
      estimates = FixedRuleIntegrator.integrate(function, paths, rule.nodes(options.steps()));
    } else if (method == IntegrationMethod.EXACT) {
      estimates =
          new ExactPiecewiseIntegrator(options)
              .integrate((PiecewiseAffineFunction) function, paths);
    } else {
      estimates = new AdaptiveIntegrator(options).integrate(function, paths);
    }
    return AttributionAssembler.assemble(paths, estimates, options, method);
  }

  /**
   * The method that runs on {@code function}: {@link IntegrationMethod#AUTO} resolves to {@link
   * IntegrationMethod#EXACT} for a {@link PiecewiseAffineFunction}, else to {@link
   * IntegrationMethod#ADAPTIVE}.
   *
   * @throws IllegalArgumentException when the exact method is asked of a function that is not
   *     piecewise affine
   */
  public IntegrationMethod methodFor(GradientFunction function) {
    IntegrationMethod method = options.method();
    boolean piecewise = function instanceof PiecewiseAffineFunction;
    if (method == IntegrationMethod.AUTO) {
      return piecewise ? IntegrationMethod.EXACT : IntegrationMethod.ADAPTIVE;
    }
    if (method == IntegrationMethod.EXACT && !piecewise) {
      throw new IllegalArgumentException(
          "exact_piecewise needs a piecewise-affine model (ReLU layers under a smooth head); this"
              + " one is not: use auto (falls back to adaptive) or another method");
    }
    return method;
  }

  /** Explains a single request. */
  public Attribution explain(GradientFunction function, PathRequest request) {
    return explain(function, List.of(request)).get(0);
  }

  private static void validate(List<PathRequest> requests, int dimension) {
    for (int r = 0; r < requests.size(); r++) {
      PathRequest request = requests.get(r);
      if (request == null) {
        throw new IllegalArgumentException("request " + r + " is null");
      }
      check(request.input(), dimension, "request " + r + " input");
      List<double[]> baselines = request.baselines();
      for (int j = 0; j < baselines.size(); j++) {
        check(baselines.get(j), dimension, "request " + r + " baseline " + j);
      }
    }
  }

  private static void check(double[] vector, int dimension, String what) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          what + " has " + vector.length + " features, the model expects " + dimension);
    }
    for (int i = 0; i < dimension; i++) {
      if (!Double.isFinite(vector[i])) {
        throw new IllegalArgumentException(what + " feature " + i + " is not finite: " + vector[i]);
      }
    }
  }
}
