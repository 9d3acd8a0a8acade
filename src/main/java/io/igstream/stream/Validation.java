package io.igstream.stream;

import io.igstream.avro.PredictionEvent;

/** The outcome of reading and checking one input record. */
sealed interface Validation {
  /** A decoded event its model can explain. */
  record Valid(PredictionEvent event, ServedModel model) implements Validation {}

  /** A record to dead-letter, with the reason and a message for the operator. */
  record Invalid(DeadLetterReason reason, String message) implements Validation {}
}
