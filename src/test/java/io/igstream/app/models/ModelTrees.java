package io.igstream.app.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.model.training.FraudModelTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What an operator does to a model directory tree: copy, install a version, edit a spec, delete.
 */
public final class ModelTrees {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelTrees() {}

  /**
   * Installs {@code model} as {@code <root>/<name>/<version>} the way the README says: copied under
   * a non-numeric name, its spec's version set, then renamed into place in one step.
   */
  public static Path install(Path model, Path root, String name, String version)
      throws IOException {
    Path staging = root.resolve(name).resolve(version + ".tmp");
    copy(model, staging);
    setSpec(staging, "version", version);
    return Files.move(staging, root.resolve(name).resolve(version), StandardCopyOption.ATOMIC_MOVE);
  }

  public static void setSpec(Path dir, String key, String value) throws IOException {
    Path spec = dir.resolve(FraudModelTrainer.SPEC_FILE);
    ObjectNode json = (ObjectNode) JSON.readTree(spec.toFile());
    json.put(key, value);
    JSON.writeValue(spec.toFile(), json);
  }

  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
