package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.igstream.drift.ReferenceProfile;
import io.igstream.model.ModelExplainer;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudTransactions;
import io.igstream.synth.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code igstream profile} on a freshly trained fraud model, checked against {@code explain}. */
class ProfileCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 80;
  @TempDir static Path shared;
  private static Path model;
  private static Path events;

  @TempDir Path dir;

  @BeforeAll
  static void trainModelAndWriteEvents() throws IOException {
    model = shared.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(5).withSizes(4000, 1000, 3));
    FraudTransactions transactions = new FraudTransactions(13);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      Transaction t = transactions.next();
      lines.add("{\"id\": \"t" + i + "\", \"features\": " + Arrays.toString(t.features()) + "}");
    }
    events = shared.resolve("events.jsonl");
    Files.write(events, lines);
  }

  @Test
  void shouldWriteTheMeansOfWhatExplainComputesForTheSameEvents() throws IOException {
    Path profile = dir.resolve("ref.json");
    Path explained = dir.resolve("out.jsonl");
    CliRunner p =
        CliRunner.run(
            "profile",
            "--model",
            model.toString(),
            "--input",
            events.toString(),
            "--output",
            profile.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.err().contains("profiled " + EVENTS + " events"), p.err());
    CliRunner e =
        CliRunner.run(
            "explain",
            "--model",
            model.toString(),
            "--input",
            events.toString(),
            "--output",
            explained.toString());
    assertEquals(0, e.exitCode(), e.err());

    double[] sumAbs = new double[30];
    double[] sum = new double[30];
    for (String line : Files.readAllLines(explained)) {
      JsonNode a = JSON.readTree(line).get("attributions");
      for (int i = 0; i < a.size(); i++) {
        sumAbs[i] += Math.abs(a.get(i).asDouble());
        sum[i] += a.get(i).asDouble();
      }
    }
    ReferenceProfile r = ReferenceProfileFile.read(profile);
    assertEquals(EVENTS, r.profile().events());
    assertEquals("file:" + profile.toAbsolutePath(), r.label());
    double total = Arrays.stream(sumAbs).sum();
    for (int i = 0; i < 30; i++) {
      assertEquals(sumAbs[i] / EVENTS, r.profile().meanAbs()[i], 1e-9, "meanAbs " + i);
      assertEquals(sum[i] / EVENTS, r.profile().mean()[i], 1e-9, "mean " + i);
      assertEquals(sumAbs[i] / total, r.profile().share()[i], 1e-9, "share " + i);
    }
    try (ModelExplainer m =
        ModelExplainer.open(model, ModelSpecReader.forModel(model, Optional.empty()))) {
      assertEquals(m.featureNames(), r.profile().featureNames());
      assertEquals(m.spec().name(), r.model());
      assertEquals(
          List.of(),
          List.copyOf(
                  ExplainerRuntime.referenceFiles(List.of(profile.toString()), List.of(m)).values())
              .stream()
              .filter(x -> !x.model().equals(m.spec().name()))
              .toList());
    }
  }

  @Test
  void shouldSayWhatIsMissingWithoutAStackTrace() {
    CliRunner r = CliRunner.run("profile", "--model", model.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("--input is required"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void shouldRefuseAProfileOfOtherFeaturesNamingTheFix() throws IOException {
    Path profile = dir.resolve("ref.json");
    assertEquals(
        0,
        CliRunner.run(
                "profile",
                "--model",
                model.toString(),
                "--input",
                events.toString(),
                "--output",
                profile.toString())
            .exitCode());
    String renamed = Files.readString(profile).replace("\"amount\"", "\"amount_eur\"");
    Files.writeString(profile, renamed);
    try (ModelExplainer m =
        ModelExplainer.open(model, ModelSpecReader.forModel(model, Optional.empty()))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ExplainerRuntime.referenceFiles(List.of(profile.toString()), List.of(m)));
      assertTrue(e.getMessage().contains("feature 0 is 'amount_eur'"), e.getMessage());
      assertTrue(e.getMessage().contains("bin/igstream profile"), e.getMessage());
    }
  }
}
