package io.igstream.model;

import io.igstream.explain.Attribution;
import io.igstream.explain.GradientFunction;
import io.igstream.explain.IntegratedGradients;
import io.igstream.explain.IntegrationMethod;
import io.igstream.explain.PathRequest;
import io.igstream.explain.PiecewiseAffineFunction;
import io.igstream.explain.QuadratureRule;
import io.igstream.spec.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded model ready to explain events as its spec says: the SavedModel, the gradient of the
 * chosen target, the IG engine and the baselines. Thread-safe; load once, share across threads.
 */
public final class ModelExplainer implements AutoCloseable {
  private final SavedModel model;
  private final ModelSpec spec;
  private final IntegratedGradients engine;
  private final CountingGradient gradient;
  private final java.util.concurrent.atomic.LongAdder eventsExplained =
      new java.util.concurrent.atomic.LongAdder();
  private final Optional<Layer> layer;
  private final List<String> featureNames;
  private final List<double[]> baselines;
  private final String baselineDescription;
  private final String targetDescription;
  private final int featureCount;
  private final Optional<String> exactUnavailable;

  private ModelExplainer(SavedModel model, ModelSpec spec) {
    this.model = model;
    this.spec = spec;
    this.engine = new IntegratedGradients(ExplainSettings.options(spec));
    SignatureInfo signature = model.signature(spec.signature());
    GradientSpec gradientSpec = ExplainSettings.gradientSpec(spec, signature);
    TensorInfo input = signature.input(gradientSpec.input()).orElseThrow();
    this.featureCount = ExplainSettings.featureCount(spec, input);
    this.layer = spec.layer().map(name -> model.layer(gradientSpec, name));
    boolean wantsExact = wantsExact(engine.options().method());
    Optional<String> whyNotExact = Optional.empty();
    GradientFunction function;
    if (layer.isPresent()) {
      function = layer.get().gradient();
      whyNotExact = Optional.of("layer IG runs on the rest of the network from a layer tensor");
    } else if (wantsExact) {
      SavedModel.Piecewise piecewise = model.piecewise(gradientSpec);
      function =
          piecewise.function().isPresent()
              ? piecewise.function().get()
              : model.gradient(gradientSpec);
      whyNotExact =
          piecewise.function().isPresent() ? whyNotExact : Optional.of(piecewise.reason());
    } else {
      function = model.gradient(gradientSpec);
    }
    whyNotExact.ifPresent(why -> refuseExact(spec, why));
    this.exactUnavailable = wantsExact ? whyNotExact : Optional.empty();
    this.gradient = CountingGradient.of(function);
    this.featureNames = ExplainSettings.featureNames(spec, featureCount, layer);
    this.baselines = ExplainSettings.baselineVectors(spec.baseline(), featureCount);
    this.baselineDescription = ExplainSettings.describe(spec.baseline());
    this.targetDescription = spec.target().describe();
    checkGradientRuns();
  }

  private static boolean wantsExact(IntegrationMethod method) {
    return method == IntegrationMethod.AUTO || method == IntegrationMethod.EXACT;
  }

  /** An explicit request for the exact method on a graph that does not qualify fails at load. */
  private void refuseExact(ModelSpec spec, String why) {
    if (engine.options().method() == IntegrationMethod.EXACT) {
      throw new ModelException(
          "model '"
              + spec.name()
              + "': the exact method needs a ReLU network under a smooth head, but "
              + why
              + "; use method auto (exact where possible, else adaptive) or adaptive");
    }
  }

  /**
   * The integration method events get: {@code exact_piecewise}, {@code adaptive_kronrod_trapezoid}
   * or a fixed rule's name (smoothing, when configured, wraps it in the output).
   */
  public String integrationMethod() {
    return engine.methodFor(gradient).publicName();
  }

  /**
   * Why the default method could not use the exact method on this model (e.g. a tanh hidden layer),
   * or empty when it does (or another method was chosen).
   */
  public Optional<String> exactUnavailableReason() {
    return exactUnavailable;
  }

  /**
   * Runs the gradient once at the first baseline, so a model whose graph disagrees with its
   * signature (e.g. declares a scalar but computes a vector) fails at load time, not mid-stream. It
   * also pays TensorFlow's first-run cost before the first event arrives.
   */
  private void checkGradientRuns() {
    double[] point =
        layer.isPresent()
            ? layer.get().activations(baselines.get(0), new int[] {0}, 1)
            : baselines.get(0);
    double[] value = new double[1];
    double[] grad = new double[gradient.dimension()];
    gradient.evaluate(point, new int[] {0}, 1, value, grad);
    if (gradient instanceof PiecewiseAffineFunction piecewise) {
      // The exact method's forward runs fetch other tensors (F and the kink layers still to be
      // examined, one set per first layer): TF prepares each fetch set on its first use.
      double[] pre = new double[Math.max(1, piecewise.kinkUnits())];
      for (int first = 0; first <= piecewise.kinkLayers().size(); first++) {
        piecewise.forward(point, new int[] {0}, 1, first, value, pre);
      }
    }
  }

  /** Loads the model in {@code dir} as {@code spec} says; the caller closes the explainer. */
  public static ModelExplainer open(Path dir, ModelSpec spec) {
    return open(dir, spec, Device.GPU);
  }

  /** As {@link #open(Path, ModelSpec)}, on {@code device} (see {@link DevicePlacement}). */
  public static ModelExplainer open(Path dir, ModelSpec spec, Device device) {
    SavedModel model = SavedModel.load(dir, spec.tag(), device);
    try {
      return new ModelExplainer(model, spec);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Number of input features each event must carry. */
  public int featureCount() {
    return featureCount;
  }

  /** The names reported with every attribution (layer units for layer IG). */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Model runs so far ({@code Session.run}s of the gradient graph, warm-up included): with {@link
   * #eventsExplained} it tells how well events are batched.
   */
  public long modelRuns() {
    return gradient.runs();
  }

  /** Path points evaluated so far (events &times; steps, summed). */
  public long pointsEvaluated() {
    return gradient.points();
  }

  /** Events explained so far. */
  public long eventsExplained() {
    return eventsExplained.sum();
  }

  public ModelSpec spec() {
    return spec;
  }

  /**
   * Explains a batch of events in as few model runs as the method allows (events &times; steps per
   * {@code Session.run}). Results are in the order of {@code events}.
   */
  public List<ExplainedEvent> explain(List<InputEvent> events) {
    return explain(events, engine);
  }

  /**
   * As {@link #explain(List)}, but with a fixed Gauss&ndash;Legendre rule of {@code steps} nodes
   * instead of the spec's method (everything else as the spec says): the cheap explanation the
   * stream falls back to under overload. The completeness error is computed as always.
   *
   * @throws IllegalArgumentException when {@code steps < 1} or an event does not fit the model
   */
  public List<ExplainedEvent> explainWithFixedSteps(List<InputEvent> events, int steps) {
    IntegratedGradients fixed =
        new IntegratedGradients(
            engine.options().toBuilder()
                .method(QuadratureRule.GAUSS_LEGENDRE)
                .steps(steps)
                .build());
    return explain(events, fixed);
  }

  private List<ExplainedEvent> explain(List<InputEvent> events, IntegratedGradients engine) {
    List<PathRequest> requests = new ArrayList<>(events.size());
    for (InputEvent e : events) {
      if (e.features().length != featureCount) {
        throw new IllegalArgumentException(
            "event '"
                + e.id()
                + "' has "
                + e.features().length
                + " features but model '"
                + spec.name()
                + "' takes "
                + featureCount);
      }
      requests.add(new PathRequest(e.features(), e.baseline().map(List::of).orElse(baselines)));
    }
    if (layer.isPresent()) {
      requests = LayerPaths.toLayer(layer.get(), requests);
    }
    List<Attribution> attributions = engine.explain(gradient, requests);
    eventsExplained.add(events.size());
    List<ExplainedEvent> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      InputEvent e = events.get(i);
      Attribution a = attributions.get(i);
      out.add(
          new ExplainedEvent(
              e.id(),
              spec.name(),
              spec.version(),
              featureNames,
              a.attributions(),
              a.prediction(),
              a.baselinePrediction(),
              a.completenessError(),
              a.relativeCompletenessError(),
              a.toleranceMet(),
              a.steps(),
              a.method(),
              e.baseline().isPresent() ? "per-event" : baselineDescription,
              targetDescription,
              e.score()));
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }
}
