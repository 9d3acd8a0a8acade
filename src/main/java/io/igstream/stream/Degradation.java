package io.igstream.stream;

/**
 * How one flushed batch is explained: as its models' specs say, or degraded under overload, with
 * the reason every event of the batch then carries in {@code AttributionEvent.degraded}.
 */
sealed interface Degradation {
  Degradation NONE = new None();

  /** Explained as the model's spec says. */
  record None() implements Degradation {}

  /** Every event explained with Gauss&ndash;Legendre and {@code steps} nodes. */
  record FixedSteps(int steps, String reason) implements Degradation {}

  /** A {@code rate} share of events explained as usual, the rest skipped. */
  record Sampled(double rate, String reason) implements Degradation {}

  /** What {@code guard}'s current state means for the next batch. */
  static Degradation of(OverloadGuard guard, OverloadPolicy policy) {
    if (!guard.degraded()) {
      return NONE;
    }
    return switch (policy.mode()) {
      case STEPS -> new FixedSteps(policy.steps(), guard.reason());
      case SAMPLE -> new Sampled(policy.sampleRate(), guard.reason());
    };
  }

  /**
   * Whether sampling under overload keeps the event: by a hash of its id salted differently from
   * {@code select=sample}'s, so the two samples are independent and a replay keeps the same events.
   */
  static boolean keeps(Sampled sampled, String eventId) {
    return EventSelector.sampleUnit("overload:" + eventId) < sampled.rate();
  }
}
