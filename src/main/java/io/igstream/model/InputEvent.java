package io.igstream.model;

import java.util.Optional;

/**
 * One event to explain: its id, the feature vector, the live model's score when known, and an
 * optional per-event baseline that overrides the spec's.
 */
public record InputEvent(
    String id, double[] features, Optional<Double> score, Optional<double[]> baseline) {

  public static InputEvent of(String id, double[] features) {
    return new InputEvent(id, features, Optional.empty(), Optional.empty());
  }
}
