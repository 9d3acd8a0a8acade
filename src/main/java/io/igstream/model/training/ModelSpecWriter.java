package io.igstream.model.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.TensorFlow;

/** Writes {@code igstream-model.json} (how to explain the model) and {@code training.json}. */
final class ModelSpecWriter {
  static final String MODEL_NAME = "fraud-demo";
  static final String MODEL_VERSION = "1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelSpecWriter() {}

  static void writeSpec(Path file, List<String> featureNames, double[] baseline)
      throws IOException {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("name", MODEL_NAME);
    spec.put("version", MODEL_VERSION);
    spec.put("tag", FraudModelTrainer.TAG);
    spec.put("signature", FraudModelTrainer.SIGNATURE_KEY);
    spec.put("input", FraudModelTrainer.INPUT_KEY);
    spec.put("output", FraudModelTrainer.OUTPUT_KEY);
    ArrayNode features = spec.putArray("features");
    featureNames.forEach(features::add);
    ObjectNode target = spec.putObject("target");
    target.put("index", 0);
    target.put("logit", false);
    ObjectNode baselineNode = spec.putObject("baseline");
    baselineNode.put("kind", "vector");
    ArrayNode values = baselineNode.putArray("values");
    for (double value : baseline) {
      values.add(value);
    }
    spec.put("method", "auto");
    spec.put("tolerance", 0.005);
    spec.put("relTolerance", 0.01);
    spec.put("maxSteps", 2000);
    spec.put("alertThreshold", 0.5);
    ArrayNode reasonCodes = spec.putArray("reasonCodes");
    for (DemoReasonCodes.Row row : DemoReasonCodes.TABLE) {
      ObjectNode group = reasonCodes.addObject();
      group.put("code", row.code());
      group.put("text", row.text());
      ArrayNode groupFeatures = group.putArray("features");
      row.features().forEach(groupFeatures::add);
    }
    spec.put("reasonCount", 4);
    JSON.writeValue(file.toFile(), spec);
  }

  static void writeTrainingReport(Path file, TrainingMetrics metrics) throws IOException {
    TrainingConfig config = metrics.config();
    ObjectNode report = JSON.createObjectNode();
    report.put("model", MODEL_NAME);
    report.put("version", MODEL_VERSION);
    report.put("generator", "io.igstream.synth.FraudTransactions");
    report.put("seed", config.seed());
    report.put("trainSize", config.trainSize());
    report.put("holdoutSize", config.holdoutSize());
    report.put("epochs", config.epochs());
    report.put("batchSize", config.batchSize());
    report.put("optimizer", "adam");
    report.put("learningRate", config.learningRate());
    report.put("configuredFraudRate", config.fraudRate());
    report.put("trainFraudRate", metrics.trainFraudRate());
    report.put("holdoutFraudRate", metrics.holdoutFraudRate());
    report.put("parameterCount", metrics.parameterCount());
    report.put("finalTrainLoss", metrics.finalTrainLoss());
    report.put("holdoutAuc", metrics.holdoutAuc());
    report.put("trainingMillis", metrics.trainingMillis());
    report.put("baselineSamples", config.baselineSamples());
    report.put("tensorflowVersion", TensorFlow.version());
    JSON.writeValue(file.toFile(), report);
  }
}
