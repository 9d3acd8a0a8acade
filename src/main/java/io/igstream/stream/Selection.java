package io.igstream.stream;

import java.util.Locale;
import java.util.Optional;

/**
 * Which valid events are explained. Events not selected are counted ({@code skipped}) and dropped,
 * not dead-lettered: they are healthy, just not wanted.
 *
 * <ul>
 *   <li>{@code all}: every valid event.
 *   <li>{@code threshold}: events whose live {@code score} is at least the threshold (the
 *       configured one, else the model spec's {@code alertThreshold}). An event WITHOUT a score is
 *       explained: it cannot be shown to be below the threshold, and silently dropping a whole
 *       producer's events because it sends no scores would hide a misconfiguration.
 *   <li>{@code sample}: a share {@code sampleRate} of events, chosen by a hash of the event id, so
 *       a replay (or another instance) selects exactly the same events.
 * </ul>
 *
 * @param mode which rule applies
 * @param threshold score threshold for {@code threshold}; empty = each model's alert threshold
 * @param sampleRate share of events in (0, 1] for {@code sample}
 */
public record Selection(Mode mode, Optional<Double> threshold, double sampleRate) {

  /** The selection rule; {@link #configName()} is its config value. */
  public enum Mode {
    ALL,
    THRESHOLD,
    SAMPLE;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code all}, {@code threshold} or {@code sample} (case-insensitive). */
    public static Mode parse(String value) {
      for (Mode m : values()) {
        if (m.configName().equalsIgnoreCase(value.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "unknown selection '" + value + "': use all, threshold or sample");
    }
  }

  public Selection {
    if (mode == null || threshold == null) {
      throw new IllegalArgumentException("selection mode and threshold must not be null");
    }
    if (threshold.isPresent() && !Double.isFinite(threshold.get())) {
      throw new IllegalArgumentException("score threshold must be finite, got " + threshold.get());
    }
    if (!(sampleRate > 0.0 && sampleRate <= 1.0)) {
      throw new IllegalArgumentException("sample rate must be in (0, 1], got " + sampleRate);
    }
  }

  public static Selection all() {
    return new Selection(Mode.ALL, Optional.empty(), 1.0);
  }

  /** Events scoring at least {@code threshold}. */
  public static Selection threshold(double threshold) {
    return new Selection(Mode.THRESHOLD, Optional.of(threshold), 1.0);
  }

  /** Events scoring at least their model spec's {@code alertThreshold}. */
  public static Selection modelAlertThreshold() {
    return new Selection(Mode.THRESHOLD, Optional.empty(), 1.0);
  }

  /** A deterministic share {@code rate} of events, by event id. */
  public static Selection sample(double rate) {
    return new Selection(Mode.SAMPLE, Optional.empty(), rate);
  }
}
