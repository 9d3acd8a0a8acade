package io.igstream.app.models;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the served models come from: SavedModel directories listed one by one ({@code
 * igstream.models}), a root in TF Serving layout {@code <root>/<name>/<version>/} ({@code
 * igstream.models.root}), or both; and how often they are checked for changes ({@code
 * igstream.models.poll.interval.ms}, zero: never, the models loaded at start-up are served until
 * the process ends).
 */
public record ModelSources(List<Path> dirs, Optional<Path> root, Duration pollInterval) {
  public ModelSources {
    dirs = List.copyOf(dirs);
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (dirs.isEmpty() && root.isEmpty()) {
      throw new IllegalArgumentException("no models: list model directories or give a models root");
    }
    if (pollInterval.isNegative()) {
      throw new IllegalArgumentException("the poll interval must not be negative: " + pollInterval);
    }
  }

  /** The listed directories, loaded once and never watched. */
  public static ModelSources fixed(List<Path> dirs) {
    return new ModelSources(dirs, Optional.empty(), Duration.ZERO);
  }

  /** Whether the sources are checked for new, changed and removed models while running. */
  public boolean watched() {
    return !pollInterval.isZero();
  }
}
