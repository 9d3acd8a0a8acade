package io.igstream.app;

import io.igstream.model.training.TrainingMetrics;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code igstream demo-model}: (re)trains the demo fraud model with TF Java and exports it. */
@Command(
    name = "demo-model",
    mixinStandardHelpOptions = true,
    description = {
      "(Re)trains the demo fraud model and exports it as a SavedModel.",
      "A classifier of 30 features (ReLU 64-32, sigmoid) trained with TF Java on synthetic",
      "transactions, exported with its igstream-model.json.",
      "Other commands train it on first use with --model demo; this one retrains on demand."
    })
final class DemoModelCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the model (default: $IGSTREAM_HOME/models/fraud-demo).")
  Optional<Path> out;

  @Option(names = "--seed", defaultValue = "42", description = "Training seed (default 42).")
  long seed;

  @Override
  public Integer call() {
    Path dir = out.orElseGet(DemoModel::directory);
    TrainingMetrics m = DemoModel.train(dir, seed);
    command
        .commandLine()
        .getOut()
        .printf(
            "demo model written to %s%n  holdout AUC %.4f, final train loss %.4f, %d parameters,"
                + " fraud rate %.2f%%, %d bytes, trained in %.1f s%n",
            m.modelDir(),
            m.holdoutAuc(),
            m.finalTrainLoss(),
            m.parameterCount(),
            100 * m.trainFraudRate(),
            m.modelBytes(),
            m.trainingMillis() / 1000.0);
    return 0;
  }
}
