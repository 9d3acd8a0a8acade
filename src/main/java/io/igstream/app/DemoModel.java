package io.igstream.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingMetrics;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import io.igstream.spec.ReasonCodesSpec;
import io.igstream.synth.FraudTransactions;
import io.igstream.synth.Transaction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The demo fraud model and its synthetic events, generated on first use under {@code
 * $IGSTREAM_HOME} (the launcher sets it to the checkout's {@code work/} folder).
 */
final class DemoModel {
  /** Seed of the demo model: the same model on every machine. */
  static final long SEED = 42;

  private DemoModel() {}

  /** {@code -Digstream.home}, else {@code $IGSTREAM_HOME}, else {@code ./work}. */
  static Path home() {
    String home = System.getProperty("igstream.home", System.getenv("IGSTREAM_HOME"));
    return Path.of(home == null || home.isBlank() ? "work" : home).toAbsolutePath();
  }

  static Path directory() {
    return home().resolve("models").resolve("fraud-demo");
  }

  /** The demo model's directory, training it first when it is not there yet. */
  static Path ensure() {
    Path dir = directory();
    if (!FraudModelTrainer.isComplete(dir) || isOutdated(dir)) {
      System.err.println("igstream: training the demo fraud model (first use) into " + dir);
      TrainingMetrics m = train(dir, SEED);
      System.err.printf(
          "igstream: demo model ready: holdout AUC %.4f, %d parameters, trained in %.1f s%n",
          m.holdoutAuc(), m.parameterCount(), m.trainingMillis() / 1000.0);
    }
    return dir;
  }

  /**
   * A demo model written by an older igstream (before reason codes, or pinned to the adaptive
   * method before the exact method became the default) is trained again.
   */
  private static boolean isOutdated(Path dir) {
    ModelSpec spec = ModelSpecReader.forModel(dir, Optional.empty());
    return spec.reasonCodes().equals(ReasonCodesSpec.NONE) || !spec.method().equals(ModelSpec.AUTO);
  }

  static TrainingMetrics train(Path dir, long seed) {
    try {
      return FraudModelTrainer.train(dir, seed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo model to " + dir, e);
    }
  }

  /**
   * Writes {@code count} synthetic demo transactions as {@code explain} input (with the true label
   * and fraud pattern as extra fields) and returns the file.
   */
  static Path events(ModelOptions model, int count) {
    if (!model.isDemo()) {
      throw new CliException("--input is required (only --model demo makes its own events)");
    }
    if (count < 1) {
      throw new CliException("--events must be at least 1");
    }
    Path file = home().resolve("demo").resolve("events-" + count + ".jsonl");
    if (Files.isRegularFile(file)) {
      return file;
    }
    ObjectMapper json = new ObjectMapper();
    FraudTransactions transactions = new FraudTransactions(SEED + 1);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".events-", ".partial");
      try (BufferedWriter out = Files.newBufferedWriter(tmp)) {
        for (int i = 0; i < count; i++) {
          Transaction t = transactions.next();
          ObjectNode line = json.createObjectNode();
          line.put("id", "demo-" + i);
          ArrayNode features = line.putArray("features");
          for (double f : t.features()) {
            features.add(f);
          }
          line.put("fraud", t.fraud());
          line.put("pattern", t.pattern());
          out.write(line.toString());
          out.newLine();
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write demo events to " + file, e);
    }
    System.err.println("igstream: wrote " + count + " synthetic demo events to " + file);
    return file;
  }
}
