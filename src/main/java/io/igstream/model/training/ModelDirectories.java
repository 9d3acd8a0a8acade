package io.igstream.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Staging directories next to the target, swapped in by rename, so that a model directory is either
 * absent, the old model or the new one, never half-written.
 */
final class ModelDirectories {
  private ModelDirectories() {}

  /** A fresh empty directory beside {@code target} (same file system, so rename is atomic). */
  static Path createStaging(Path target) throws IOException {
    Path parent = target.getParent();
    Files.createDirectories(parent);
    return Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
  }

  /**
   * Renames {@code staging} to {@code target}. An existing target is first renamed aside and then
   * deleted; between those two renames the target is briefly absent, never incomplete.
   */
  static void replace(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      atomicMove(target, old);
    }
    atomicMove(staging, target);
    if (old != null) {
      deleteIfPresent(old);
    }
  }

  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(ModelDirectories::size).sum();
    }
  }

  static void deleteIfPresent(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("Cannot rename " + from + " to " + to + " atomically", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
