package io.igstream.app.models;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory that should be served, as a scan found it.
 *
 * @param dir the SavedModel directory
 * @param layoutName the model name its TF Serving path gives ({@code <root>/<name>/<version>}),
 *     empty for a listed directory (its spec names it)
 * @param layoutVersion the version its path gives, likewise
 * @param listedOrder its position in {@code igstream.models}, or -1 for a directory under the root
 * @param fingerprint what its files looked like (names, sizes, modification times): a change means
 *     the directory must be loaded again
 */
record ModelCandidate(
    Path dir,
    Optional<String> layoutName,
    Optional<String> layoutVersion,
    int listedOrder,
    String fingerprint) {

  boolean listed() {
    return listedOrder >= 0;
  }

  /** The layout's version as a number, for "the highest version is the default". */
  long versionNumber() {
    return layoutVersion.map(Long::parseLong).orElse(-1L);
  }
}
