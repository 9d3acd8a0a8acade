package io.igstream.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpec.BaselineSpec;
import io.igstream.spec.ModelSpec.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Command-line overrides of the model spec's explanation settings. */
final class ExplainOptions {
  @Option(
      names = "--method",
      paramLabel = "M",
      description =
          "auto (default: exact where the model is a ReLU network under a smooth head, else"
              + " adaptive), exact, adaptive, or a fixed rule: gausslegendre, riemann_left,"
              + " riemann_right, riemann_middle, riemann_trapezoid.")
  Optional<String> method;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Steps of a fixed rule (forces gausslegendre unless --method names a rule).")
  Optional<Integer> steps;

  @Option(names = "--tolerance", paramLabel = "ABS", description = "Absolute tolerance (0.005).")
  Optional<Double> tolerance;

  @Option(
      names = "--rel-tolerance",
      paramLabel = "REL",
      description = "Tolerance relative to |F(x)-F(x')| (0.01); the looser of the two applies.")
  Optional<Double> relTolerance;

  @Option(
      names = "--max-steps",
      paramLabel = "B",
      description = "Adaptive budget: gradient evaluations per event and baseline (2000).")
  Optional<Integer> maxSteps;

  @Option(
      names = "--baseline",
      paramLabel = "zero|FILE",
      description =
          "'zero', or a JSON file: [numbers] (one baseline) or [[numbers], ...] (expected IG).")
  Optional<String> baseline;

  @Option(
      names = "--target",
      paramLabel = "K",
      description = "Output column to explain (default 0, or the spec's).")
  Optional<Integer> target;

  @Option(names = "--signature", paramLabel = "S", description = "Signature (serving_default).")
  Optional<String> signature;

  /** The spec with every given option applied on top. */
  ModelSpec apply(ModelSpec s) {
    String m = method.orElse(steps.isPresent() ? "gausslegendre" : s.method());
    int st = steps.orElse(s.steps());
    require(st >= 1, "--steps must be at least 1");
    double tol = tolerance.orElse(s.tolerance());
    require(tol > 0, "--tolerance must be > 0");
    double rel = relTolerance.orElse(s.relTolerance());
    require(rel >= 0, "--rel-tolerance must be >= 0");
    int max = maxSteps.orElse(s.maxSteps());
    require(max >= 1, "--max-steps must be at least 1");
    TargetSpec t = target.map(k -> new TargetSpec(k, Optional.empty(), false)).orElse(s.target());
    require(t.index() >= 0, "--target must be >= 0");
    return s.withSignature(signature.orElse(s.signature()))
        .withTarget(t)
        .withBaseline(baseline.map(ExplainOptions::readBaseline).orElse(s.baseline()))
        .withMethod(m, st)
        .withTolerances(tol, rel, max);
  }

  static BaselineSpec readBaseline(String value) {
    if ("zero".equals(value)) {
      return BaselineSpec.ZERO;
    }
    Path file = Path.of(value);
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new CliException(
          "--baseline "
              + value
              + " is neither 'zero' nor a readable JSON file ("
              + e.getMessage()
              + "); give [numbers] or [[numbers], ...]");
    }
    require(
        node != null && node.isArray() && node.size() > 0,
        "--baseline file " + file + " must hold [numbers] or [[numbers], ...]");
    if (node.get(0).isArray()) {
      List<double[]> vectors = new ArrayList<>();
      node.forEach(v -> vectors.add(numbers(file, v)));
      return new BaselineSpec("expected", 0, vectors);
    }
    return new BaselineSpec("vector", 0, List.of(numbers(file, node)));
  }

  private static double[] numbers(Path file, JsonNode array) {
    require(array.isArray(), "--baseline file " + file + ": every baseline must be an array");
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      require(
          array.get(i).isNumber() && Double.isFinite(array.get(i).asDouble()),
          "--baseline file " + file + ": value " + i + " is not a finite number");
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new CliException(message);
    }
  }
}
