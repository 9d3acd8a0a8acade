package io.igstream.model.training;

import io.igstream.synth.FraudTransactions;
import io.igstream.synth.TrafficMix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains the demo fraud classifier on synthetic transactions and exports it as a SavedModel plus
 * the {@code igstream-model.json} spec and a {@code training.json} report.
 *
 * <p>The directory appears atomically: everything is written to a temporary sibling directory that
 * is renamed into place at the end, so a killed training never leaves a half-written model. {@link
 * #isComplete} lets callers skip retraining.
 */
public final class FraudModelTrainer {
  public static final String TAG = "serve";
  public static final String SIGNATURE_KEY = "serving_default";
  public static final String INPUT_KEY = "features";
  public static final String OUTPUT_KEY = "fraud_probability";
  public static final String SPEC_FILE = "igstream-model.json";
  public static final String TRAINING_REPORT_FILE = "training.json";
  public static final String SAVED_MODEL_FILE = "saved_model.pb";

  /** Result of {@link #run}: the metrics plus what a test needs to check the export. */
  record Run(TrainingMetrics metrics, LabelledData holdout, float[] holdoutProbabilities) {}

  private FraudModelTrainer() {}

  /** Trains with {@link TrainingConfig#defaults} and exports into {@code outDir}. */
  public static TrainingMetrics train(Path outDir, long seed) throws IOException {
    return train(outDir, TrainingConfig.defaults(seed));
  }

  /**
   * Trains and exports into {@code outDir}, replacing whatever was there.
   *
   * @throws IOException if the model cannot be written
   */
  public static TrainingMetrics train(Path outDir, TrainingConfig config) throws IOException {
    return run(outDir, config).metrics();
  }

  /** True when {@code dir} holds a SavedModel with its variables, spec and training report. */
  public static boolean isComplete(Path dir) {
    return Files.isRegularFile(dir.resolve(SAVED_MODEL_FILE))
        && Files.isRegularFile(dir.resolve("variables").resolve("variables.index"))
        && Files.isRegularFile(dir.resolve(SPEC_FILE))
        && Files.isRegularFile(dir.resolve(TRAINING_REPORT_FILE));
  }

  static Run run(Path outDir, TrainingConfig config) throws IOException {
    long started = System.nanoTime();
    Path target = outDir.toAbsolutePath().normalize();
    FraudTransactions transactions =
        new FraudTransactions(
            config.seed(), TrafficMix.defaults().withFraudRate(config.fraudRate()));
    List<String> featureNames = FraudTransactions.featureNames();
    int columns = featureNames.size();
    LabelledData train = LabelledData.of(transactions.next(config.trainSize()), columns);
    LabelledData holdout = LabelledData.of(transactions.next(config.holdoutSize()), columns);
    double[] baseline = transactions.legitMean(config.baselineSamples());

    Standardization standardization = Standardization.of(train.features(), train.rows(), columns);
    FraudNetworkTraining.Outcome outcome =
        FraudNetworkTraining.train(train, standardization, config);

    Path staging = ModelDirectories.createStaging(target);
    try {
      float[] probabilities =
          ServingModelExport.export(staging, outcome.weights(), standardization, holdout);
      double auc = RocAuc.of(toDoubles(probabilities), holdout.positives());
      ModelSpecWriter.writeSpec(staging.resolve(SPEC_FILE), featureNames, baseline);
      long millis = (System.nanoTime() - started) / 1_000_000;
      TrainingMetrics report =
          new TrainingMetrics(
              config,
              outcome.weights().parameterCount(),
              train.positiveRate(),
              holdout.positiveRate(),
              outcome.lastEpochLoss(),
              auc,
              millis,
              target,
              0L);
      ModelSpecWriter.writeTrainingReport(staging.resolve(TRAINING_REPORT_FILE), report);
      long bytes = ModelDirectories.sizeOf(staging);
      ModelDirectories.replace(staging, target);
      TrainingMetrics metrics = report.withModelBytes(bytes);
      return new Run(metrics, holdout, probabilities);
    } finally {
      ModelDirectories.deleteIfPresent(staging);
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
