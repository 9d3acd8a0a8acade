package io.igstream.model;

import io.igstream.explain.Baseline;
import io.igstream.explain.IgOptions;
import io.igstream.explain.NoiseTunnel;
import io.igstream.explain.Smoothing;
import io.igstream.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a {@link ModelSpec} into the engine's options and the model's gradient request. */
final class ExplainSettings {
  private ExplainSettings() {}

  static IgOptions options(ModelSpec spec) {
    IgOptions.Builder b =
        IgOptions.builder()
            .method(spec.method())
            .steps(spec.steps())
            .absTol(spec.tolerance())
            .relTol(spec.relTolerance())
            .maxSteps(spec.maxSteps());
    spec.smoothing()
        .ifPresent(
            s ->
                b.smoothing(
                    new Smoothing(NoiseTunnel.parse(s.kind()), s.samples(), s.stdev(), s.seed())));
    return b.build();
  }

  /**
   * The gradient request: input and output named by signature key or, as Vertex metadata does, by
   * tensor name ({@code dense_input} or {@code serving_default_dense_input:0}).
   */
  static GradientSpec gradientSpec(ModelSpec spec, SignatureInfo signature) {
    String input =
        spec.input().map(name -> key(name, signature.inputs(), "input", signature)).orElse(null);
    String output =
        spec.output().map(name -> key(name, signature.outputs(), "output", signature)).orElse(null);
    SideInputs sides = SideInputs.none();
    for (Map.Entry<String, double[]> e : spec.sideInputs().entrySet()) {
      sides =
          sides.withFixed(key(e.getKey(), signature.inputs(), "input", signature), e.getValue());
    }
    ModelSpec.TargetSpec t = spec.target();
    Target target =
        t.minus().isPresent()
            ? Target.difference(t.index(), t.minus().get())
            : Target.column(t.index());
    if (t.logit()) {
      target = target.onLogit();
    }
    GradientSpec g = new GradientSpec(signature.key(), input, output, target, sides);
    if (input == null) {
      List<TensorInfo> floats = signature.floatInputs();
      if (floats.isEmpty()) {
        throw new ModelException(
            "signature '"
                + signature.key()
                + "' has no float input to attribute to (inputs: "
                + signature.inputs()
                + "); choose another signature with --signature or in the spec");
      }
      if (floats.size() > 1) {
        throw new ModelException(
            "signature '"
                + signature.key()
                + "' has several float inputs ("
                + floats.stream().map(TensorInfo::key).collect(Collectors.joining(", "))
                + "); name the one to attribute to with \"input\" in the spec and feed the others"
                + " with \"sideInputs\"");
      }
      g = g.withInput(floats.get(0).key());
    }
    return g;
  }

  private static String key(
      String name, List<TensorInfo> tensors, String what, SignatureInfo signature) {
    String bare = name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
    for (TensorInfo t : tensors) {
      String tensor = t.tensorName();
      String tensorBare = tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
      if (t.key().equals(name)
          || tensor.equals(name)
          || tensorBare.equals(bare)
          || tensorBare.equals(signature.key() + "_" + bare)) {
        return t.key();
      }
    }
    throw new ModelException(
        "signature '"
            + signature.key()
            + "' has no "
            + what
            + " named '"
            + name
            + "'; its "
            + what
            + "s are "
            + tensors
            + " (use a key or a tensor name)");
  }

  /** Elements per event: the input's static row size, else the number of named features. */
  static int featureCount(ModelSpec spec, TensorInfo input) {
    List<Long> shape = input.shape();
    long size = 1;
    boolean known = shape != null;
    if (known) {
      for (int i = input.hasBatchDimension() ? 1 : 0; i < shape.size(); i++) {
        known &= shape.get(i) >= 0;
        size *= Math.max(shape.get(i), 0);
      }
    }
    if (known) {
      if (!spec.features().isEmpty() && spec.features().size() != size) {
        throw new ModelException(
            "the spec names "
                + spec.features().size()
                + " features but input '"
                + input.key()
                + "' takes "
                + size
                + " values; fix \"features\" in the spec");
      }
      return (int) size;
    }
    if (spec.features().isEmpty()) {
      throw new ModelException(
          "input '"
              + input.key()
              + "' has no fixed size (shape "
              + shape
              + "); list the feature names in the spec's \"features\" so igstream knows how many");
    }
    return spec.features().size();
  }

  static List<String> featureNames(ModelSpec spec, int featureCount, Optional<Layer> layer) {
    if (layer.isPresent()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < layer.get().dimension(); i++) {
        names.add(layer.get().tensorName() + "[" + i + "]");
      }
      return List.copyOf(names);
    }
    if (!spec.features().isEmpty()) {
      return spec.features();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < featureCount; i++) {
      names.add("f" + i);
    }
    return List.copyOf(names);
  }

  static List<double[]> baselineVectors(ModelSpec.BaselineSpec b, int featureCount) {
    return baseline(b, featureCount).resolve(featureCount);
  }

  static String describe(ModelSpec.BaselineSpec b) {
    return switch (b.kind()) {
      case "constant" -> "constant(" + b.value() + ")";
      case "expected" -> "expected(" + b.vectors().size() + " baselines)";
      default -> b.kind();
    };
  }

  private static Baseline baseline(ModelSpec.BaselineSpec b, int featureCount) {
    return switch (b.kind()) {
      case "constant" -> new Baseline.Constant(b.value());
      case "vector" -> new Baseline.Vector(b.vectors().get(0));
      case "expected" ->
          new Baseline.Expected(b.vectors().stream().map(v -> broadcast(v, featureCount)).toList());
      default -> new Baseline.Zero();
    };
  }

  /** A one-value baseline (Vertex's scalar form) broadcast to every feature. */
  private static double[] broadcast(double[] v, int featureCount) {
    if (v.length != 1 || featureCount == 1) {
      return v;
    }
    double[] out = new double[featureCount];
    java.util.Arrays.fill(out, v[0]);
    return out;
  }
}
