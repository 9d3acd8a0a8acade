package io.igstream.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecReaderTest {
  @TempDir Path dir;

  @Test
  void shouldUseDefaultsWhenTheModelHasNoSpec() {
    ModelSpec spec = ModelSpecReader.forModel(dir.resolve("churn"), Optional.empty());
    assertEquals("churn", spec.name());
    assertEquals("serving_default", spec.signature());
    assertEquals("serve", spec.tag());
    assertEquals("auto", spec.method());
    assertEquals("zero", spec.baseline().kind());
    assertTrue(spec.input().isEmpty());
  }

  @Test
  void shouldReadEveryFieldOfAnIgstreamSpec() throws IOException {
    Files.writeString(
        dir.resolve(ModelSpecReader.SPEC_FILE),
        """
        {"name": "fraud", "version": "7", "signature": "sig", "input": "x", "output": "y",
         "features": ["a", "b"], "target": {"index": 1, "minus": 0, "logit": true},
         "baseline": {"kind": "expected", "vectors": [[0, 1], [2, 3]]},
         "method": "gausslegendre", "steps": 64, "tolerance": 0.01, "relTolerance": 0.02,
         "maxSteps": 500, "sideInputs": {"b": [4.5]},
         "smoothing": {"kind": "vargrad", "samples": 8, "stdev": 0.2, "seed": 7},
         "layer": "dense/Relu:0", "alertThreshold": 0.8}
        """);
    ModelSpec spec = ModelSpecReader.forModel(dir, Optional.empty());
    assertEquals("fraud", spec.name());
    assertEquals(Optional.of("7"), spec.version());
    assertEquals(List.of("a", "b"), spec.features());
    assertEquals(
        "output[1]-output[0]", new ModelSpec.TargetSpec(1, Optional.of(0), false).describe());
    assertTrue(spec.target().logit());
    assertEquals(Optional.of(0), spec.target().minus());
    assertEquals(2, spec.baseline().vectors().size());
    assertArrayEquals(new double[] {2, 3}, spec.baseline().vectors().get(1));
    assertEquals(64, spec.steps());
    assertEquals(500, spec.maxSteps());
    assertArrayEquals(new double[] {4.5}, spec.sideInputs().get("b"));
    assertEquals("vargrad", spec.smoothing().orElseThrow().kind());
    assertEquals(7L, spec.smoothing().orElseThrow().seed());
    assertEquals(Optional.of("dense/Relu:0"), spec.layer());
    assertEquals(Optional.of(0.8), spec.alertThreshold());
  }

  @Test
  void shouldRefuseAMisspeltKeyAndNameTheKnownOnes() throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, "{\"tolerence\": 0.01}");
    SpecException e = assertThrows(SpecException.class, () -> ModelSpecReader.read(file, "m"));
    assertTrue(e.getMessage().contains("unknown key 'tolerence'"), e.getMessage());
    assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void shouldExplainInvalidJsonWithTheLine() throws IOException {
    Path file = dir.resolve("spec.json");
    Files.writeString(file, "{\n\"steps\": 3,\n oops}");
    SpecException e = assertThrows(SpecException.class, () -> ModelSpecReader.read(file, "m"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void shouldRefuseBadValues() throws IOException {
    Path file = dir.resolve("spec.json");
    for (String bad :
        List.of(
            "{\"steps\": 0}",
            "{\"tolerance\": \"small\"}",
            "{\"baseline\": {\"kind\": \"mean\"}}",
            "{\"baseline\": {\"kind\": \"vector\", \"values\": [1, \"x\"]}}",
            "{\"smoothing\": {\"kind\": \"noise\"}}")) {
      Files.writeString(file, bad);
      assertThrows(SpecException.class, () -> ModelSpecReader.read(file, "m"), bad);
    }
  }

  /**
   * A Vertex metadata document in the shape of Google's "Configuring explanations for
   * custom-trained models" guide (inputs/outputs keyed by name; input_tensor_name, input_baselines,
   * index_feature_mapping, encoding, modality; output_tensor_name).
   */
  @Test
  void shouldAcceptVertexExplanationMetadata() throws IOException {
    Files.writeString(
        dir.resolve(ModelSpecReader.VERTEX_FILE),
        """
        {"inputs": {"features": {"input_tensor_name": "dense_input",
                                 "encoding": "BAG_OF_FEATURES", "modality": "numeric",
                                 "input_baselines": [[0.0, 1.0, 2.0]],
                                 "index_feature_mapping": ["age", "tenure", "balance"]}},
         "outputs": {"churn": {"output_tensor_name": "dense_6"}},
         "framework": "tensorflow"}
        """);
    ModelSpec spec = ModelSpecReader.forModel(dir, Optional.empty());
    assertEquals(Optional.of("dense_input"), spec.input());
    assertEquals(Optional.of("dense_6"), spec.output());
    assertEquals(List.of("age", "tenure", "balance"), spec.features());
    assertEquals("vector", spec.baseline().kind());
    assertArrayEquals(new double[] {0, 1, 2}, spec.baseline().vectors().get(0));
    assertEquals("auto", spec.method());
  }

  @Test
  void shouldTurnSeveralVertexBaselinesIntoExpectedIg() throws IOException {
    Path file = dir.resolve("meta.json");
    Files.writeString(
        file,
        """
        {"inputs": {"x": {"input_baselines": [[0, 0], [1, 1]]}},
         "outputs": {"y": {}}}
        """);
    ModelSpec spec = ModelSpecReader.read(file, "m");
    assertEquals("expected", spec.baseline().kind());
    assertEquals(Optional.of("x"), spec.input());
    assertEquals(Optional.of("y"), spec.output());
    Files.writeString(file, "{\"inputs\": {\"x\": {\"input_baselines\": [0.5]}}, \"outputs\": {}}");
    SpecException e = assertThrows(SpecException.class, () -> ModelSpecReader.read(file, "m"));
    assertFalse(e.getMessage().isEmpty());
    assertTrue(e.getMessage().contains("outputs"), e.getMessage());
  }
}
