package io.igstream.spec;

import java.nio.file.Path;

/** A model spec file that cannot be used; the message names the file and what to fix. */
public final class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SpecException(Path file, String problem) {
    super("model spec " + file + " " + problem);
  }
}
