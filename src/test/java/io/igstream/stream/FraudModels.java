package io.igstream.stream;

import io.igstream.avro.PredictionEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudPattern;
import io.igstream.synth.FraudTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small real fraud model (TF, trained in about a second) shared read-only by the stream tests:
 * trained once per JVM into a temporary directory; each test class opens its own explainers.
 */
final class FraudModels {
  static final String NAME = "fraud-demo";
  private static Path dir;

  private FraudModels() {}

  static synchronized Path directory() {
    if (dir == null) {
      try {
        // Under target/ so that mvn clean removes it; retrained (replaced) once per test JVM.
        Path model =
            Files.createDirectories(Path.of("target", "stream-test-models")).resolve("fraud");
        FraudModelTrainer.train(model, TrainingConfig.defaults(11).withSizes(3000, 500, 3));
        dir = model;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** The trained model as its spec says (name fraud-demo, version 1, alert threshold 0.5). */
  static ModelExplainer open() {
    return ModelExplainer.open(directory(), spec());
  }

  /** The same network served as another version that explains the logit instead. */
  static ModelExplainer openLogitVersion(String version) {
    ModelSpec s = spec().withTarget(new ModelSpec.TargetSpec(0, Optional.empty(), true));
    ModelSpec versioned =
        new ModelSpec(
            s.name(),
            Optional.of(version),
            s.tag(),
            s.signature(),
            s.input(),
            s.output(),
            s.features(),
            s.target(),
            s.baseline(),
            s.method(),
            s.steps(),
            s.tolerance(),
            s.relTolerance(),
            s.maxSteps(),
            s.sideInputs(),
            s.smoothing(),
            s.layer(),
            s.alertThreshold());
    return ModelExplainer.open(directory(), versioned);
  }

  static ModelSpec spec() {
    return ModelSpecReader.forModel(directory(), Optional.empty());
  }

  /** {@code count} realistic events (legit and account-takeover alternating), ids prefix-0... */
  static List<PredictionEvent> events(String prefix, int count) {
    FraudTransactions transactions = new FraudTransactions(prefix.hashCode());
    List<PredictionEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FraudPattern pattern = i % 2 == 0 ? FraudPattern.LEGIT : FraudPattern.ACCOUNT_TAKEOVER;
      events.add(event(prefix + "-" + i, transactions.next(pattern).features()));
    }
    return events;
  }

  static PredictionEvent event(String id, double[] features) {
    List<Double> values = new ArrayList<>();
    for (double f : features) {
      values.add(f);
    }
    return PredictionEvent.newBuilder()
        .setId(id)
        .setModel(NAME)
        .setModelVersion(null)
        .setEventTime(Instant.parse("2026-01-01T00:00:00Z"))
        .setFeatures(values)
        .setScore(null)
        .setBaseline(null)
        .setAttributes(Map.of("account", "acct-" + id))
        .build();
  }
}
