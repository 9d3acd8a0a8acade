package io.igstream.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model spec: igstream's own {@code igstream-model.json}, or Vertex Explainable AI's {@code
 * explanation_metadata.json} so its users can switch without rewriting anything. Unknown keys are
 * refused (a misspelt {@code "tolerence"} would otherwise be silently ignored).
 */
public final class ModelSpecReader {
  /** The spec file igstream looks for next to a model. */
  public static final String SPEC_FILE = "igstream-model.json";

  /** Vertex Explainable AI's metadata file, accepted as a spec. */
  public static final String VERTEX_FILE = "explanation_metadata.json";

  private static final Set<String> KEYS =
      Set.of(
          "name",
          "version",
          "tag",
          "signature",
          "input",
          "output",
          "features",
          "target",
          "baseline",
          "method",
          "steps",
          "tolerance",
          "relTolerance",
          "maxSteps",
          "sideInputs",
          "smoothing",
          "layer",
          "alertThreshold",
          "reasonCodes",
          "reasonCount");
  private static final Set<String> BASELINE_KINDS =
      Set.of("zero", "constant", "vector", "expected");
  private static final Set<String> SMOOTHING_KINDS =
      Set.of("smoothgrad", "smoothgrad_sq", "vargrad");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelSpecReader() {}

  /**
   * The spec for a model directory: {@code spec} when given, else {@value #SPEC_FILE} or {@value
   * #VERTEX_FILE} inside the directory, else the defaults.
   */
  public static ModelSpec forModel(Path modelDir, Optional<Path> spec) {
    String name = modelDir.toAbsolutePath().normalize().getFileName().toString();
    if (spec.isPresent()) {
      return read(spec.get(), name);
    }
    for (String candidate : List.of(SPEC_FILE, VERTEX_FILE)) {
      Path file = modelDir.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return read(file, name);
      }
    }
    return ModelSpec.defaults(name);
  }

  /** Reads a spec file; Vertex metadata is recognised by its {@code inputs}/{@code outputs}. */
  public static ModelSpec read(Path file, String defaultName) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new SpecException(
          file, "is not valid JSON (" + e.getOriginalMessage() + ", line " + line(e) + ")");
    } catch (IOException e) {
      throw new SpecException(file, "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SpecException(file, "must hold a JSON object");
    }
    if (root.has("inputs") && root.has("outputs")) {
      return VertexMetadata.toSpec(file, root, defaultName);
    }
    return parse(file, root, defaultName);
  }

  private static ModelSpec parse(Path file, JsonNode root, String defaultName) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new SpecException(
            file, "has unknown key '" + key + "'; known keys: " + String.join(", ", sorted(KEYS)));
      }
    }
    ModelSpec d = ModelSpec.defaults(text(root, "name").orElse(defaultName));
    String method = text(root, "method").orElse(d.method());
    int steps = integer(file, root, "steps").orElse(d.steps());
    double tolerance = number(file, root, "tolerance").orElse(d.tolerance());
    double relTolerance = number(file, root, "relTolerance").orElse(d.relTolerance());
    int maxSteps = integer(file, root, "maxSteps").orElse(d.maxSteps());
    require(file, steps >= 1, "'steps' must be at least 1");
    require(file, tolerance >= 0, "'tolerance' must be >= 0");
    require(file, relTolerance >= 0, "'relTolerance' must be >= 0");
    require(file, maxSteps >= 1, "'maxSteps' must be at least 1");
    List<String> features = strings(file, root.get("features"), "features");
    return new ModelSpec(
        d.name(),
        text(root, "version"),
        text(root, "tag").orElse(d.tag()),
        text(root, "signature").orElse(d.signature()),
        text(root, "input"),
        text(root, "output"),
        features,
        target(file, root.get("target")),
        baseline(file, root.get("baseline")),
        method,
        steps,
        tolerance,
        relTolerance,
        maxSteps,
        sideInputs(file, root.get("sideInputs")),
        smoothing(file, root.get("smoothing")),
        text(root, "layer"),
        number(file, root, "alertThreshold"),
        ReasonCodesReader.read(file, root, features));
  }

  private static ModelSpec.TargetSpec target(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return ModelSpec.TargetSpec.FIRST_OUTPUT;
    }
    require(file, node.isObject(), "'target' must be an object like {\"index\": 0}");
    int index = integer(file, node, "index").orElse(0);
    Optional<Integer> minus = integer(file, node, "minus");
    require(file, index >= 0 && minus.orElse(0) >= 0, "'target' indices must be >= 0");
    boolean logit = node.has("logit") && node.get("logit").asBoolean(false);
    return new ModelSpec.TargetSpec(index, minus, logit);
  }

  static ModelSpec.BaselineSpec baseline(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return ModelSpec.BaselineSpec.ZERO;
    }
    require(file, node.isObject(), "'baseline' must be an object like {\"kind\": \"zero\"}");
    String kind = text(node, "kind").orElse("");
    require(
        file,
        BASELINE_KINDS.contains(kind),
        "'baseline.kind' must be one of " + String.join(", ", sorted(BASELINE_KINDS)));
    return switch (kind) {
      case "constant" ->
          new ModelSpec.BaselineSpec(
              kind,
              number(file, node, "value")
                  .orElseThrow(() -> new SpecException(file, "'baseline.value' is required")),
              List.of());
      case "vector" ->
          new ModelSpec.BaselineSpec(
              kind, 0, List.of(doubles(file, node.get("values"), "baseline.values")));
      case "expected" -> new ModelSpec.BaselineSpec(kind, 0, vectors(file, node.get("vectors")));
      default -> ModelSpec.BaselineSpec.ZERO;
    };
  }

  private static List<double[]> vectors(Path file, JsonNode node) {
    require(
        file,
        node != null && node.isArray() && node.size() > 0,
        "'baseline.vectors' must be a non-empty array of arrays of numbers");
    List<double[]> out = new ArrayList<>();
    for (JsonNode v : node) {
      out.add(doubles(file, v, "baseline.vectors[" + out.size() + "]"));
    }
    return out;
  }

  private static Map<String, double[]> sideInputs(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    require(file, node.isObject(), "'sideInputs' must map input keys to arrays of numbers");
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), doubles(file, e.getValue(), "sideInputs." + e.getKey()));
    }
    return out;
  }

  private static Optional<ModelSpec.SmoothingSpec> smoothing(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String kind = text(node, "kind").orElse("smoothgrad");
    require(
        file,
        SMOOTHING_KINDS.contains(kind),
        "'smoothing.kind' must be one of " + String.join(", ", sorted(SMOOTHING_KINDS)));
    int samples = integer(file, node, "samples").orElse(16);
    double stdev = number(file, node, "stdev").orElse(0.1);
    require(file, samples >= 1 && stdev >= 0, "'smoothing' needs samples >= 1 and stdev >= 0");
    long seed = node.has("seed") ? node.get("seed").asLong() : 42L;
    return Optional.of(new ModelSpec.SmoothingSpec(kind, samples, stdev, seed));
  }

  static List<String> strings(Path file, JsonNode node, String what) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    require(file, node.isArray(), "'" + what + "' must be an array of strings");
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  static double[] doubles(Path file, JsonNode node, String what) {
    require(file, node != null && node.isArray(), "'" + what + "' must be an array of numbers");
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode n = node.get(i);
      require(file, n.isNumber(), "'" + what + "[" + i + "]' must be a number");
      out[i] = n.asDouble();
      require(file, Double.isFinite(out[i]), "'" + what + "[" + i + "]' must be finite");
    }
    return out;
  }

  static Optional<String> text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static Optional<Double> number(Path file, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    require(file, v.isNumber(), "'" + key + "' must be a number");
    return Optional.of(v.asDouble());
  }

  private static Optional<Integer> integer(Path file, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    require(file, v.canConvertToInt() && v.isIntegralNumber(), "'" + key + "' must be an integer");
    return Optional.of(v.asInt());
  }

  static void require(Path file, boolean ok, String message) {
    if (!ok) {
      throw new SpecException(file, message);
    }
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }

  private static long line(JsonProcessingException e) {
    return e.getLocation() == null ? -1 : e.getLocation().getLineNr();
  }
}
