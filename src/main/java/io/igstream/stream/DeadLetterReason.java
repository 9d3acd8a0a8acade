package io.igstream.stream;

/**
 * Why a prediction event went to the dead-letter topic. {@link #header()} is the value of the
 * {@value DeadLetters#REASON_HEADER} header and the metric label.
 */
public enum DeadLetterReason {
  /** The value bytes could not be read as a {@code PredictionEvent}. */
  DESERIALIZATION("deserialization"),
  /** The features (or the per-event baseline) do not have the model's feature count. */
  FEATURE_COUNT("feature-count"),
  /** A feature, baseline value or the score is NaN or infinite. */
  NON_FINITE("non-finite"),
  /** No model in the catalog under the event's name and version. */
  UNKNOWN_MODEL("unknown-model"),
  /** The model failed on this event alone, or produced a non-finite explanation. */
  MODEL_FAILURE("model-failure");

  private final String header;

  DeadLetterReason(String header) {
    this.header = header;
  }

  public String header() {
    return header;
  }
}
