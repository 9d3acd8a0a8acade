package io.igstream.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudTransactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * Trains one small model (fewer rows and epochs than the demo default) and checks the exported
 * SavedModel from the outside, the way the explainer will load it.
 */
class FraudModelTrainerTest {
  private static final TrainingConfig SMALL = TrainingConfig.defaults(42).withSizes(8000, 4000, 6);

  @TempDir static Path workDir;
  private static Path modelDir;
  private static FraudModelTrainer.Run run;

  @BeforeAll
  static void trainSmallModel() throws IOException {
    modelDir = workDir.resolve("fraud-demo");
    run = FraudModelTrainer.run(modelDir, SMALL);
  }

  @Test
  void shouldSeparateFraudOnHoldoutData() {
    // patterns overlap with legit look-alikes by design, but each leaves a strong trace
    assertTrue(run.metrics().holdoutAuc() > 0.9, "holdout AUC " + run.metrics().holdoutAuc());
    assertTrue(run.metrics().finalTrainLoss() < 0.15, "loss " + run.metrics().finalTrainLoss());
  }

  @Test
  void shouldReloadTheSavedVariablesExactly() {
    float[] reloaded = predictWithReloadedModel(run.holdout());
    assertArrayEquals(run.holdoutProbabilities(), reloaded, 1e-6f);
    double reloadedAuc = RocAuc.of(toDoubles(reloaded), run.holdout().positives());
    assertEquals(run.metrics().holdoutAuc(), reloadedAuc, 1e-6);
  }

  @Test
  void shouldExposeTheServingSignature() {
    try (SavedModelBundle bundle = SavedModelBundle.load(modelDir.toString(), "serve")) {
      Signature signature = bundle.function("serving_default").signature();
      assertEquals(Set.of("features"), signature.inputNames());
      assertEquals(Set.of("fraud_probability"), signature.outputNames());
      String outputOp =
          signature.getOutputs().get("fraud_probability").name.replaceFirst(":\\d+$", "");
      assertEquals("Sigmoid", bundle.graph().operation(outputOp).type());
      Signature.TensorDescription input = signature.getInputs().get("features");
      Signature.TensorDescription output = signature.getOutputs().get("fraud_probability");
      assertArrayEquals(new long[] {-1, 30}, input.shape.asArray());
      assertArrayEquals(new long[] {-1, 1}, output.shape.asArray());
      assertEquals(DataType.DT_FLOAT, input.dataType);
      assertEquals(DataType.DT_FLOAT, output.dataType);
    }
  }

  @Test
  void shouldWriteTheModelSpec() throws IOException {
    JsonNode spec = new ObjectMapper().readTree(modelDir.resolve("igstream-model.json").toFile());
    Set<String> keys = new TreeSet<>();
    spec.fieldNames().forEachRemaining(keys::add);
    assertEquals(
        new TreeSet<>(
            List.of(
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
                "tolerance",
                "relTolerance",
                "maxSteps",
                "alertThreshold",
                "reasonCodes",
                "reasonCount")),
        keys);
    assertEquals("fraud-demo", spec.get("name").asText());
    assertEquals("serving_default", spec.get("signature").asText());
    assertEquals(30, spec.get("features").size());
    assertEquals(FraudTransactions.featureNames().get(29), spec.get("features").get(29).asText());
    assertEquals("vector", spec.get("baseline").get("kind").asText());
    assertEquals(30, spec.get("baseline").get("values").size());
    assertFalse(spec.get("target").get("logit").asBoolean(true));
    assertEquals(2000, spec.get("maxSteps").asInt());
  }

  @Test
  void shouldGiveEveryDemoFeatureExactlyOneReasonCode() {
    ModelSpec spec = ModelSpecReader.forModel(modelDir, Optional.empty());
    List<String> grouped =
        spec.reasonCodes().groups().stream().flatMap(g -> g.features().stream()).toList();
    // The reader refuses a feature in two groups; here every feature must be in one.
    assertEquals(new TreeSet<>(FraudTransactions.featureNames()), new TreeSet<>(grouped));
    assertEquals(30, grouped.size());
    assertEquals(11, spec.reasonCodes().groups().size());
    assertEquals("R01", spec.reasonCodes().groups().get(0).code());
    assertEquals(4, spec.reasonCodes().reasonCount());
  }

  @Test
  void shouldScoreTheLegitBaselineAsUnlikelyFraud() {
    JsonNode values = readSpecBaseline();
    float[] baseline = new float[30];
    for (int i = 0; i < 30; i++) {
      baseline[i] = (float) values.get(i).asDouble();
    }
    LabelledData one = new LabelledData(baseline, new float[] {0f}, 1, 30);
    assertTrue(predictWithReloadedModel(one)[0] < 0.2, "baseline should look legitimate");
  }

  @Test
  void shouldReportTrainingAndLeaveACompleteDirectoryOnly() throws IOException {
    JsonNode report = new ObjectMapper().readTree(modelDir.resolve("training.json").toFile());
    assertEquals(42, report.get("seed").asLong());
    assertEquals(8000, report.get("trainSize").asInt());
    assertEquals(run.metrics().holdoutAuc(), report.get("holdoutAuc").asDouble(), 1e-12);
    assertEquals(0.05, report.get("trainFraudRate").asDouble(), 0.01);
    assertTrue(FraudModelTrainer.isComplete(modelDir));
    assertFalse(FraudModelTrainer.isComplete(workDir.resolve("missing")));
    try (Stream<Path> siblings = Files.list(workDir)) {
      assertEquals(List.of(modelDir), siblings.toList(), "no staging directory left behind");
    }
    assertTrue(run.metrics().modelBytes() > 10_000, "bytes " + run.metrics().modelBytes());
  }

  private static JsonNode readSpecBaseline() {
    try {
      return new ObjectMapper()
          .readTree(modelDir.resolve("igstream-model.json").toFile())
          .get("baseline")
          .get("values");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static float[] predictWithReloadedModel(LabelledData data) {
    try (SavedModelBundle bundle = SavedModelBundle.load(modelDir.toString(), "serve");
        TFloat32 x =
            FraudNetworkTraining.tensor(Shape.of(data.rows(), data.columns()), data.features());
        Result result = bundle.function("serving_default").call(Map.of("features", x))) {
      TFloat32 probabilities = (TFloat32) result.get("fraud_probability").orElseThrow();
      assertEquals(Shape.of(data.rows(), 1), probabilities.shape());
      return FraudNetworkTraining.read(probabilities);
    }
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
