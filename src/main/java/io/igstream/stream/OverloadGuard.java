package io.igstream.stream;

/**
 * Decides, from the lag of the events one task receives, whether that task is overloaded: a
 * two-threshold state machine with a minimum dwell time (see {@link OverloadPolicy}). Not
 * thread-safe: one per task, used on its stream thread.
 *
 * <h2>Why lag is an event's age at the explain step</h2>
 *
 * <p>Lag here is {@code wall clock - record timestamp} when a record reaches the explain processor:
 * how late an attribution will be, in the unit the bound is stated in. The alternatives are worse
 * for this decision: the consumer's {@code records-lag} is a count, whose meaning in time changes
 * with the input rate, and it lives in the consumer's metrics, which a processor cannot read (Kafka
 * Streams hands processors only its own metrics); polling the broker for end offsets costs a round
 * trip per decision. The age needs nothing but the record, is exact per record and per task, and
 * also counts time spent queued in the partition before this instance started. It relies on record
 * timestamps being wall-clock times: CreateTime from producers with synchronised clocks, or
 * LogAppendTime on the topic. Records stamped long ago (a replay of old data) read as lag, which is
 * what they are to a reader waiting for their attributions.
 */
final class OverloadGuard {
  private final OverloadPolicy policy;
  private final long maxLagMillis;
  private final long recoverLagMillis;
  private final long minDegradedMillis;
  private boolean degraded;
  private long degradedSinceMillis;
  private long lastLagMillis;

  OverloadGuard(OverloadPolicy policy) {
    this.policy = policy;
    this.maxLagMillis = policy.maxLag().toMillis();
    this.recoverLagMillis = (long) Math.floor(policy.recoverRatio() * maxLagMillis);
    this.minDegradedMillis = policy.minDegraded().toMillis();
  }

  /** What changed with one observation. */
  enum Transition {
    NONE,
    ENTERED,
    RECOVERED
  }

  /**
   * Takes the lag of one arriving record.
   *
   * @param lagMillis the record's age at the explain step (negative ages, from clock skew, count as
   *     zero)
   * @param nowMillis wall clock now
   */
  Transition observe(long lagMillis, long nowMillis) {
    lastLagMillis = Math.max(0, lagMillis);
    if (!policy.enabled()) {
      return Transition.NONE;
    }
    if (!degraded && lastLagMillis > maxLagMillis) {
      degraded = true;
      degradedSinceMillis = nowMillis;
      return Transition.ENTERED;
    }
    if (degraded
        && lastLagMillis <= recoverLagMillis
        && nowMillis - degradedSinceMillis >= minDegradedMillis) {
      degraded = false;
      return Transition.RECOVERED;
    }
    return Transition.NONE;
  }

  boolean degraded() {
    return degraded;
  }

  /** The lag of the last record observed. */
  long lastLagMillis() {
    return lastLagMillis;
  }

  /**
   * The text every event explained or skipped while degraded carries (AttributionEvent.degraded):
   * which policy, and the lag that triggered it.
   */
  String reason() {
    String lag =
        "lag "
            + lastLagMillis
            + " ms (bound "
            + ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG
            + "="
            + maxLagMillis
            + " ms)";
    return switch (policy.mode()) {
      case STEPS ->
          "overload-steps: "
              + lag
              + "; explained with gausslegendre, "
              + policy.steps()
              + " steps, instead of the model's method";
      case SAMPLE ->
          "overload-sample: "
              + lag
              + "; explaining a "
              + policy.sampleRate()
              + " share of events, the rest skipped";
    };
  }
}
