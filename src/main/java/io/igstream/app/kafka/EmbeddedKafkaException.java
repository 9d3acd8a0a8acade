package io.igstream.app.kafka;

/** The embedded broker could not start, create a topic or shut down; the message says why. */
public final class EmbeddedKafkaException extends RuntimeException {
  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmbeddedKafkaException(String message) {
    super(message);
  }
}
