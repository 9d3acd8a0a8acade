package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.synth.FraudTransactions;
import io.igstream.synth.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code igstream explain} end to end on a freshly trained demo-shaped fraud model. */
class ExplainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  private static Path model;
  private static Path events;

  @TempDir Path dir;

  @BeforeAll
  static void trainModelAndWriteEvents() throws IOException {
    model = shared.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(7).withSizes(6000, 2000, 4));
    FraudTransactions transactions = new FraudTransactions(11);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Transaction t = transactions.next();
      lines.add(
          "{\"id\": \"t"
              + i
              + "\", \"score\": 0.5, \"features\": "
              + Arrays.toString(t.features())
              + "}");
    }
    events = shared.resolve("events.jsonl");
    Files.write(events, lines);
  }

  @Test
  void shouldExplainEveryEventWithinToleranceOrMarkIt() throws IOException {
    Path out = dir.resolve("out.jsonl");
    CliRunner r =
        CliRunner.run(
            "explain",
            "--model",
            model.toString(),
            "--input",
            events.toString(),
            "--output",
            out.toString(),
            "--tolerance",
            "0.005");
    assertEquals(0, r.exitCode(), r.err());
    List<JsonNode> rows = read(out);
    assertEquals(60, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      assertEquals("t" + i, row.get("id").asText());
      assertEquals(30, row.get("attributions").size());
      assertEquals(30, row.get("featureNames").size());
      double sum = 0;
      for (JsonNode a : row.get("attributions")) {
        sum += a.asDouble();
      }
      double delta = row.get("prediction").asDouble() - row.get("baselinePrediction").asDouble();
      double error = row.get("completenessError").asDouble();
      assertEquals(sum - delta, error, 1e-9, "completenessError must be sum(attr) - dF");
      boolean within = Math.abs(error) <= Math.max(0.005, 0.01 * Math.abs(delta));
      assertEquals(within, row.get("toleranceMet").asBoolean(), row.toString());
      assertEquals("exact_piecewise", row.get("method").asText(), "the demo model is a ReLU net");
      assertEquals(
          0.5 - row.get("prediction").asDouble(), row.get("scoreDifference").asDouble(), 1e-12);
      assertTrue(row.get("steps").asInt() >= 3, "two ends and at least one region");
    }
  }

  @Test
  void shouldForceAFixedRuleWithSteps() throws IOException {
    Path out = dir.resolve("out.jsonl");
    CliRunner r =
        CliRunner.run(
            "explain",
            "--model",
            model.toString(),
            "--input",
            events.toString(),
            "--output",
            out.toString(),
            "--steps",
            "64");
    assertEquals(0, r.exitCode(), r.err());
    for (JsonNode row : read(out)) {
      assertEquals("gausslegendre", row.get("method").asText());
      assertEquals(66, row.get("steps").asInt(), "64 nodes plus the two path endpoints");
    }
  }

  @Test
  void shouldNameFileLineAndFixForEachKindOfBadInput() throws IOException {
    String good = Files.readAllLines(events).get(0);
    String[][] cases = {
      {"{\"id\": \"x\", \"features\": [1, 2", "is not valid JSON"},
      {"{\"id\": \"x\", \"features\": [1, 2, 3]}", "has 3 features but the model takes 30"},
      {good.replaceFirst("\\[[^,]*,", "[NaN,"), "has a non-finite value at features[0]"},
      {"{\"id\": \"x\"}", "has no \"features\" array"},
      {good.replaceFirst("\\[[^,]*,", "[\"high\","), "has a non-numeric value"},
    };
    for (String[] c : cases) {
      Path in = dir.resolve("bad.jsonl");
      Files.write(in, List.of(good, good, c[0]));
      Path out = dir.resolve("never.jsonl");
      CliRunner r =
          CliRunner.run(
              "explain",
              "--model",
              model.toString(),
              "--input",
              in.toString(),
              "--output",
              out.toString());
      assertEquals(1, r.exitCode(), c[0]);
      assertTrue(r.err().contains(in + " line 3 " + c[1]), r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
      assertFalse(Files.exists(out), "nothing is written when the input is bad");
    }
  }

  @Test
  void shouldSayWhatIsWrongWithAMissingModel() {
    CliRunner r =
        CliRunner.run(
            "explain",
            "--model",
            dir.resolve("nope").toString(),
            "--input",
            events.toString(),
            "--output",
            dir.resolve("o").toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("does not exist"), r.err());
    assertTrue(r.err().contains("saved_model.pb"), r.err());
  }

  @Test
  void shouldInspectSignaturesAndReportThatTheGradientRuns() {
    CliRunner r = CliRunner.run("inspect", "--model", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("signature 'serving_default' *"), r.out());
    assertTrue(r.out().contains("features"), r.out());
    assertTrue(r.out().contains("fraud_probability"), r.out());
    assertTrue(r.out().contains("gradient: runs"), r.out());
  }

  @Test
  void shouldListEveryCommandInHelp() {
    CliRunner r = CliRunner.run("--help");
    assertEquals(0, r.exitCode());
    for (String command : List.of("inspect", "explain", "demo-model", "bin/igstream test")) {
      assertTrue(r.out().contains(command), r.out());
    }
  }

  private static List<JsonNode> read(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .collect(Collectors.toList());
  }
}
