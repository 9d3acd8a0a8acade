package io.igstream.model;

/**
 * A model could not be loaded or used as asked. The message says what was asked, what exists and
 * how to fix it, so that it can be shown to an operator as is.
 */
public class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
