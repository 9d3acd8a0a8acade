package io.igstream.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options naming a model: its directory (or {@code demo}) and an optional spec file. */
final class ModelOptions {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description =
          "SavedModel directory, or 'demo' for the demo fraud model (trained on first use).")
  String model;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description =
          "Model spec (igstream-model.json or Vertex explanation_metadata.json). Default: the one"
              + " in the model directory, else defaults.")
  Optional<Path> spec;

  boolean isDemo() {
    return "demo".equals(model);
  }

  /** The model directory, training the demo model first when {@code demo} is asked for. */
  Path resolveDirectory() {
    if (isDemo()) {
      return DemoModel.ensure();
    }
    Path dir = Path.of(model);
    if (!Files.isDirectory(dir)) {
      throw new CliException(
          "model directory "
              + dir.toAbsolutePath()
              + " does not exist; pass a SavedModel directory (holding saved_model.pb) or 'demo'");
    }
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new CliException(
          dir.toAbsolutePath()
              + " holds no saved_model.pb; pass the directory that tf.saved_model.save wrote");
    }
    spec.ifPresent(
        s -> {
          if (!Files.isRegularFile(s)) {
            throw new CliException("spec file " + s.toAbsolutePath() + " does not exist");
          }
        });
    return dir;
  }
}
