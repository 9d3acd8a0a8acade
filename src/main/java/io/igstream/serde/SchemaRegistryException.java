package io.igstream.serde;

/**
 * A failed Schema Registry call. {@link #httpStatus()} is what to key on first: servers that
 * implement the Confluent API differ in their {@code error_code}s. Both are {@link #NO_RESPONSE}
 * when no registry answered (connection refused, timeout, TLS failure).
 */
public class SchemaRegistryException extends RuntimeException {
  /** Status and error code when there was no HTTP response, or the body carried no error code. */
  public static final int NO_RESPONSE = -1;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = NO_RESPONSE;
    this.errorCode = NO_RESPONSE;
  }

  /** The HTTP status, or {@link #NO_RESPONSE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Confluent's {@code error_code} (e.g. 40401), or {@link #NO_RESPONSE} when the body had none.
   */
  public int errorCode() {
    return errorCode;
  }

  /** Whether the registry said 404: subject, version or schema not found. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }
}
