package io.igstream.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vertex Explainable AI's {@code explanation_metadata.json} as an igstream spec.
 *
 * <p>Mapping (Vertex field &rarr; igstream): {@code inputs.<name>.input_tensor_name} &rarr; input
 * (a signature input key or tensor name), {@code input_baselines} &rarr; baseline (one scalar:
 * constant; one list: vector; several: expected IG, which is what Vertex does with several
 * baselines), {@code index_feature_mapping} &rarr; feature names, {@code
 * outputs.<name>.output_tensor_name} &rarr; output. Other Vertex fields ({@code encoding}, {@code
 * modality}, visualisation settings) are accepted and ignored. Method and tolerances keep
 * igstream's defaults (Vertex keeps step counts in its separate explanation parameters).
 *
 * @see <a
 *     href="https://cloud.google.com/vertex-ai/docs/reference/rest/v1/ExplanationSpec#explanationmetadata">Vertex
 *     ExplanationMetadata</a>
 */
final class VertexMetadata {
  private VertexMetadata() {}

  static ModelSpec toSpec(Path file, JsonNode root, String defaultName) {
    JsonNode inputs = root.get("inputs");
    JsonNode outputs = root.get("outputs");
    ModelSpecReader.require(
        file,
        inputs.isObject() && inputs.size() == 1,
        "(Vertex metadata) must have exactly one entry in 'inputs': igstream attributes to one"
            + " input; write an igstream-model.json with 'sideInputs' for the others");
    ModelSpecReader.require(
        file,
        outputs.isObject() && outputs.size() == 1,
        "(Vertex metadata) must have exactly one entry in 'outputs'");
    Map.Entry<String, JsonNode> in = inputs.properties().iterator().next();
    Map.Entry<String, JsonNode> out = outputs.properties().iterator().next();
    JsonNode input = in.getValue();
    ModelSpec d = ModelSpec.defaults(defaultName);
    return new ModelSpec(
        d.name(),
        Optional.empty(),
        d.tag(),
        d.signature(),
        Optional.of(ModelSpecReader.text(input, "input_tensor_name").orElse(in.getKey())),
        Optional.of(
            ModelSpecReader.text(out.getValue(), "output_tensor_name").orElse(out.getKey())),
        ModelSpecReader.strings(file, input.get("index_feature_mapping"), "index_feature_mapping"),
        d.target(),
        baselines(file, input.get("input_baselines")),
        d.method(),
        d.steps(),
        d.tolerance(),
        d.relTolerance(),
        d.maxSteps(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static ModelSpec.BaselineSpec baselines(Path file, JsonNode node) {
    if (node == null || node.isNull() || node.size() == 0) {
      return ModelSpec.BaselineSpec.ZERO;
    }
    ModelSpecReader.require(file, node.isArray(), "'input_baselines' must be an array");
    List<double[]> vectors = new ArrayList<>();
    List<Double> scalars = new ArrayList<>();
    for (JsonNode b : node) {
      if (b.isNumber()) {
        scalars.add(b.asDouble());
      } else {
        vectors.add(ModelSpecReader.doubles(file, b, "input_baselines[" + vectors.size() + "]"));
      }
    }
    ModelSpecReader.require(
        file,
        scalars.isEmpty() || vectors.isEmpty(),
        "'input_baselines' mixes scalars and lists; use one form");
    if (vectors.isEmpty() && scalars.size() == 1) {
      return new ModelSpec.BaselineSpec("constant", scalars.get(0), List.of());
    }
    if (vectors.isEmpty()) {
      // Several scalar baselines: expected IG over constant vectors, broadcast when resolved.
      return new ModelSpec.BaselineSpec(
          "expected", 0, scalars.stream().map(s -> new double[] {s}).toList());
    }
    return vectors.size() == 1
        ? new ModelSpec.BaselineSpec("vector", 0, vectors)
        : new ModelSpec.BaselineSpec("expected", 0, vectors);
  }
}
