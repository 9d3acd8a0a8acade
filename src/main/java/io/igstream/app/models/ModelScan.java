package io.igstream.app.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the directories to serve right now: the listed ones, then every version directory under the
 * root. As in TF Serving, a version directory is named by a number and holds a {@code
 * saved_model.pb}; any other directory (a copy in progress named {@code 3.tmp}, {@code .staging})
 * is ignored, so a new version can be copied next to the others and renamed into place.
 */
final class ModelScan {
  static final String SAVED_MODEL = "saved_model.pb";
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

  private ModelScan() {}

  /**
   * The candidates, listed ones first; a directory whose files cannot be read right now (being
   * deleted or copied) is left out of this scan.
   */
  static List<ModelCandidate> scan(ModelSources sources) {
    List<ModelCandidate> out = new ArrayList<>();
    for (int i = 0; i < sources.dirs().size(); i++) {
      Path dir = sources.dirs().get(i);
      int order = i;
      fingerprint(dir)
          .ifPresent(
              f -> out.add(new ModelCandidate(dir, Optional.empty(), Optional.empty(), order, f)));
    }
    if (sources.root().isPresent()) {
      for (Path nameDir : children(sources.root().get())) {
        for (Path versionDir : children(nameDir)) {
          String version = versionDir.getFileName().toString();
          if (VERSION.matcher(version).matches()
              && Files.isRegularFile(versionDir.resolve(SAVED_MODEL))) {
            String name = nameDir.getFileName().toString();
            fingerprint(versionDir)
                .ifPresent(
                    f ->
                        out.add(
                            new ModelCandidate(
                                versionDir, Optional.of(name), Optional.of(version), -1, f)));
          }
        }
      }
    }
    return out;
  }

  /** Sub-directories, sorted, without hidden ones; none when {@code dir} is gone. */
  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /**
   * Every file's relative path, size and modification time: cheap (no content is read) and changes
   * whenever a file is replaced, rewritten or added.
   */
  static Optional<String> fingerprint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    StringBuilder f = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted().toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (a.isRegularFile()) {
          f.append(dir.relativize(p))
              .append(':')
              .append(a.size())
              .append(':')
              .append(a.lastModifiedTime().toMillis())
              .append(';');
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    return Optional.of(f.toString());
  }
}
