package io.igstream.stream;

import java.time.Duration;
import java.util.Locale;

/**
 * How the explainer degrades when it falls behind, instead of falling further behind silently.
 *
 * <p>Lag is an event's age when it reaches the explain step: the wall clock minus the record
 * timestamp (see {@link OverloadGuard}). The explainer degrades when an event arrives more than
 * {@code maxLag} old, and recovers once events arrive at most {@code recoverRatio * maxLag} old and
 * it has been degraded for at least {@code minDegraded}: two thresholds and a minimum dwell time,
 * so that the speed-up from degrading does not make it flap back and forth every batch.
 *
 * @param maxLag lag above which the explainer degrades; zero: never
 * @param mode what degrading means
 * @param steps Gauss&ndash;Legendre nodes per path under {@link Mode#STEPS}
 * @param sampleRate share of events still explained under {@link Mode#SAMPLE}, in (0, 1]
 * @param recoverRatio lag (as a share of {@code maxLag}) below which it recovers, in (0, 1]
 * @param minDegraded the least time it stays degraded once it degraded
 */
public record OverloadPolicy(
    Duration maxLag,
    Mode mode,
    int steps,
    double sampleRate,
    double recoverRatio,
    Duration minDegraded) {

  /** What the explainer does with events while degraded. */
  public enum Mode {
    /**
     * Explain every event with a cheap fixed rule (Gauss&ndash;Legendre, {@code steps} nodes); the
     * completeness error and {@code toleranceMet} are still computed and reported.
     */
    STEPS,
    /**
     * Explain a share of events as usual (chosen by a hash of the event id, so a replay chooses the
     * same); the rest are counted as skipped and not explained.
     */
    SAMPLE;

    static Mode parse(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public OverloadPolicy {
    if (maxLag == null || maxLag.isNegative()) {
      throw new IllegalArgumentException("maxLag must be >= 0, got " + maxLag);
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode must not be null");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (!(sampleRate > 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException("sampleRate must be in (0, 1], got " + sampleRate);
    }
    if (!(recoverRatio > 0 && recoverRatio <= 1)) {
      throw new IllegalArgumentException("recoverRatio must be in (0, 1], got " + recoverRatio);
    }
    if (minDegraded == null || minDegraded.isNegative()) {
      throw new IllegalArgumentException("minDegraded must be >= 0, got " + minDegraded);
    }
  }

  /** False when {@code maxLag} is zero: falling behind then shows only in the lag metric. */
  public boolean enabled() {
    return !maxLag.isZero();
  }
}
