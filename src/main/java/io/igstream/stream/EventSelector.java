package io.igstream.stream;

import io.igstream.avro.PredictionEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Applies a {@link Selection} to one valid event. Stateless, so replays decide the same way. */
final class EventSelector {
  private final Selection selection;

  EventSelector(Selection selection) {
    this.selection = selection;
  }

  boolean selects(PredictionEvent event, ServedModel model) {
    return switch (selection.mode()) {
      case ALL -> true;
      case THRESHOLD -> {
        Double score = event.getScore();
        // No score: explained (see Selection). Validation already refused a non-finite score.
        yield score == null || score >= threshold(model);
      }
      case SAMPLE -> sampleUnit(event.getId()) < selection.sampleRate();
    };
  }

  private double threshold(ServedModel model) {
    return selection
        .threshold()
        .or(model::alertThreshold)
        .orElseThrow(() -> new IllegalStateException("no threshold for " + model));
  }

  /**
   * Maps an event id to [0, 1) by the first 53 bits of its SHA-256: uniform, and the same on every
   * JVM and in any language (unlike {@code String.hashCode}), so a sample can be reproduced.
   */
  static double sampleUnit(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
