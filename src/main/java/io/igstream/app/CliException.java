package io.igstream.app;

/** A user-facing error: the message says what is wrong and how to fix it; no stack trace. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }
}
