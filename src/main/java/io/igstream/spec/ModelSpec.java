package io.igstream.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to explain for one model, read from the spec file next to it ({@code igstream-model.json})
 * or from Vertex Explainable AI's {@code explanation_metadata.json}. Every field has a default, so
 * a model with one float input and one output needs no spec at all.
 *
 * @param name model name reported in every attribution (default: the directory name)
 * @param version model version reported in every attribution (optional)
 * @param tag SavedModel tag set to load (default {@code serve})
 * @param signature signature key (default {@code serving_default})
 * @param input signature input key to attribute to; empty means the signature's only float input
 * @param output signature output key to explain; empty means the signature's only output
 * @param features feature names, one per input element; empty means {@code f0, f1, ...}
 * @param target which scalar of the output is explained
 * @param baseline the reference point(s) x&prime; of the path integral
 * @param method {@code auto} (default: exact_piecewise where the graph qualifies, else adaptive),
 *     {@code exact}, {@code adaptive} or a fixed rule name ({@code gausslegendre}, ...)
 * @param steps step count of a fixed rule; ignored by {@code auto}, {@code exact} and {@code
 *     adaptive}
 * @param tolerance absolute completeness tolerance
 * @param relTolerance completeness tolerance relative to |F(x) &minus; F(x&prime;)|
 * @param maxSteps model-evaluation budget per event for {@code exact} and {@code adaptive}
 * @param sideInputs values fed to the signature's other inputs, by input key
 * @param smoothing optional SmoothGrad-style noise averaging
 * @param layer optional internal tensor to attribute to instead of the input (layer IG)
 * @param alertThreshold score at or above which an event counts as an alert (optional)
 * @param reasonCodes the reason-code table for alerts; {@link ReasonCodesSpec#NONE} when none
 */
public record ModelSpec(
    String name,
    Optional<String> version,
    String tag,
    String signature,
    Optional<String> input,
    Optional<String> output,
    List<String> features,
    TargetSpec target,
    BaselineSpec baseline,
    String method,
    int steps,
    double tolerance,
    double relTolerance,
    int maxSteps,
    Map<String, double[]> sideInputs,
    Optional<SmoothingSpec> smoothing,
    Optional<String> layer,
    Optional<Double> alertThreshold,
    ReasonCodesSpec reasonCodes) {

  public static final String DEFAULT_TAG = "serve";
  public static final String DEFAULT_SIGNATURE = "serving_default";
  public static final String AUTO = "auto";

  /** Default fixed-rule step count (used only when a fixed rule is chosen without steps). */
  public static final int DEFAULT_STEPS = 50;

  /**
   * Default absolute completeness tolerance. Vertex AI advises acting when the approximation error
   * exceeds 0.05; we default ten times tighter because reason codes rank small contributions.
   */
  public static final double DEFAULT_TOLERANCE = 0.005;

  /** Default tolerance relative to |F(x) &minus; F(x&prime;)|; the looser of the two applies. */
  public static final double DEFAULT_REL_TOLERANCE = 0.01;

  /** Default model-evaluation budget per event and baseline (exact and adaptive methods). */
  public static final int DEFAULT_MAX_STEPS = 2000;

  public ModelSpec {
    features = List.copyOf(features);
    sideInputs = Map.copyOf(sideInputs);
    reasonCodes = reasonCodes == null ? ReasonCodesSpec.NONE : reasonCodes;
  }

  /** A spec without a reason-code table (the form every spec had before reason codes). */
  public ModelSpec(
      String name,
      Optional<String> version,
      String tag,
      String signature,
      Optional<String> input,
      Optional<String> output,
      List<String> features,
      TargetSpec target,
      BaselineSpec baseline,
      String method,
      int steps,
      double tolerance,
      double relTolerance,
      int maxSteps,
      Map<String, double[]> sideInputs,
      Optional<SmoothingSpec> smoothing,
      Optional<String> layer,
      Optional<Double> alertThreshold) {
    this(
        name,
        version,
        tag,
        signature,
        input,
        output,
        features,
        target,
        baseline,
        method,
        steps,
        tolerance,
        relTolerance,
        maxSteps,
        sideInputs,
        smoothing,
        layer,
        alertThreshold,
        ReasonCodesSpec.NONE);
  }

  /** The spec used when a model directory has no spec file. */
  public static ModelSpec defaults(String name) {
    return new ModelSpec(
        name,
        Optional.empty(),
        DEFAULT_TAG,
        DEFAULT_SIGNATURE,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        TargetSpec.FIRST_OUTPUT,
        BaselineSpec.ZERO,
        AUTO,
        DEFAULT_STEPS,
        DEFAULT_TOLERANCE,
        DEFAULT_REL_TOLERANCE,
        DEFAULT_MAX_STEPS,
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The version reported with every attribution (a TF Serving version directory supplies it). */
  public ModelSpec withVersion(String newVersion) {
    return edit(d -> d.version = Optional.of(newVersion));
  }

  public ModelSpec withSignature(String newSignature) {
    return edit(d -> d.signature = newSignature);
  }

  /** The input to attribute to, its feature names and the values fed to the other inputs. */
  public ModelSpec withInput(
      String newInput, List<String> newFeatures, Map<String, double[]> newSideInputs) {
    return edit(
        d -> {
          d.input = Optional.of(newInput);
          d.features = newFeatures;
          d.sideInputs = newSideInputs;
        });
  }

  public ModelSpec withTarget(TargetSpec newTarget) {
    return edit(d -> d.target = newTarget);
  }

  public ModelSpec withBaseline(BaselineSpec newBaseline) {
    return edit(d -> d.baseline = newBaseline);
  }

  /**
   * The integration method ({@code auto}, {@code exact}, {@code adaptive} or a rule name) and a
   * fixed rule's step count.
   */
  public ModelSpec withMethod(String newMethod, int newSteps) {
    return edit(
        d -> {
          d.method = newMethod;
          d.steps = newSteps;
        });
  }

  /** Absolute and relative completeness tolerances and the adaptive budget. */
  public ModelSpec withTolerances(double newTolerance, double newRelTolerance, int newMaxSteps) {
    return edit(
        d -> {
          d.tolerance = newTolerance;
          d.relTolerance = newRelTolerance;
          d.maxSteps = newMaxSteps;
        });
  }

  public ModelSpec withLayer(String newLayer) {
    return edit(d -> d.layer = Optional.of(newLayer));
  }

  public ModelSpec withSmoothing(SmoothingSpec newSmoothing) {
    return edit(d -> d.smoothing = Optional.of(newSmoothing));
  }

  /** A copy with {@code change} applied: every wither goes through this one constructor call. */
  private ModelSpec edit(java.util.function.Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new ModelSpec(
        d.name,
        d.version,
        d.tag,
        d.signature,
        d.input,
        d.output,
        d.features,
        d.target,
        d.baseline,
        d.method,
        d.steps,
        d.tolerance,
        d.relTolerance,
        d.maxSteps,
        d.sideInputs,
        d.smoothing,
        d.layer,
        d.alertThreshold,
        d.reasonCodes);
  }

  /** The fields of a spec being edited by {@link #edit}. */
  private static final class Draft {
    String name;
    Optional<String> version;
    String tag;
    String signature;
    Optional<String> input;
    Optional<String> output;
    List<String> features;
    TargetSpec target;
    BaselineSpec baseline;
    String method;
    int steps;
    double tolerance;
    double relTolerance;
    int maxSteps;
    Map<String, double[]> sideInputs;
    Optional<SmoothingSpec> smoothing;
    Optional<String> layer;
    Optional<Double> alertThreshold;
    ReasonCodesSpec reasonCodes;

    Draft(ModelSpec s) {
      name = s.name;
      version = s.version;
      tag = s.tag;
      signature = s.signature;
      input = s.input;
      output = s.output;
      features = s.features;
      target = s.target;
      baseline = s.baseline;
      method = s.method;
      steps = s.steps;
      tolerance = s.tolerance;
      relTolerance = s.relTolerance;
      maxSteps = s.maxSteps;
      sideInputs = s.sideInputs;
      smoothing = s.smoothing;
      layer = s.layer;
      alertThreshold = s.alertThreshold;
      reasonCodes = s.reasonCodes;
    }
  }

  /** Which scalar of the model output is explained: a column, a difference, or a logit. */
  public record TargetSpec(int index, Optional<Integer> minus, boolean logit) {
    public static final TargetSpec FIRST_OUTPUT = new TargetSpec(0, Optional.empty(), false);

    /**
     * A short description for audit output, e.g. {@code output[1]-output[0]} or {@code logit[0]}.
     */
    public String describe() {
      String base = (logit ? "logit" : "output") + "[" + index + "]";
      return minus.map(m -> base + "-" + (logit ? "logit" : "output") + "[" + m + "]").orElse(base);
    }
  }

  /**
   * The baseline as written in the spec: {@code zero}, {@code constant} (one value broadcast),
   * {@code vector} (one value per feature), {@code expected} (several vectors averaged: expected
   * IG).
   */
  public record BaselineSpec(String kind, double value, List<double[]> vectors) {
    public static final BaselineSpec ZERO = new BaselineSpec("zero", 0, List.of());

    public BaselineSpec {
      vectors = List.copyOf(vectors);
    }
  }

  /** SmoothGrad-style noise averaging over IG: kind, sample count, noise stdev and seed. */
  public record SmoothingSpec(String kind, int samples, double stdev, long seed) {}
}
