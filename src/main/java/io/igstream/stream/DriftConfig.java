package io.igstream.stream;

import io.igstream.drift.DriftThresholds;
import io.igstream.drift.DriftWindows;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/**
 * How the topology profiles attributions over time windows and judges drift (the {@code
 * igstream.drift.*} keys of {@link ExplainerStreamConfig#CONFIG_DEF}).
 *
 * @param enabled whether the drift sub-topology is built at all
 * @param topic where the {@code DriftEvent}s go
 * @param windows window size and advance (tumbling when equal)
 * @param grace how long after a window's end its late events are still counted in
 * @param minEvents windows with fewer events are published unjudged
 * @param referenceFiles profile files (one per model); empty: every model's first judged window
 * @param thresholds when a judged window alerts
 */
public record DriftConfig(
    boolean enabled,
    String topic,
    DriftWindows windows,
    Duration grace,
    int minEvents,
    List<String> referenceFiles,
    DriftThresholds thresholds) {

  /** The value of {@code igstream.drift.reference} that means "each model's first window". */
  public static final String FIRST = "first";

  public DriftConfig {
    if (topic == null || topic.isBlank()) {
      throw new ConfigException(ExplainerStreamConfig.DRIFT_TOPIC_CONFIG, topic, "required");
    }
    if (windows == null || thresholds == null) {
      throw new ConfigException("drift windows and thresholds are required");
    }
    if (grace == null || grace.isNegative()) {
      throw new ConfigException(ExplainerStreamConfig.DRIFT_GRACE_MS_CONFIG, grace, "must be >= 0");
    }
    if (minEvents < 1) {
      throw new ConfigException(
          ExplainerStreamConfig.DRIFT_MIN_EVENTS_CONFIG, minEvents, "must be at least 1");
    }
    referenceFiles = List.copyOf(referenceFiles);
  }

  /** Parses {@code igstream.drift.reference}: {@code first}, or comma-separated file paths. */
  static List<String> parseReference(String value) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty()) {
      throw new ConfigException(
          ExplainerStreamConfig.DRIFT_REFERENCE_CONFIG,
          value,
          "give 'first' or the path of a profile file made by bin/igstream profile");
    }
    if (v.equals(FIRST)) {
      return List.of();
    }
    return List.of(v.split("\\s*,\\s*"));
  }

  /** The same settings with other windows (e.g. the demo's seconds-long ones). */
  public DriftConfig withWindows(DriftWindows newWindows, Duration newGrace, int newMinEvents) {
    return new DriftConfig(
        enabled, topic, newWindows, newGrace, newMinEvents, referenceFiles, thresholds);
  }

  public DriftConfig withEnabled(boolean on) {
    return new DriftConfig(on, topic, windows, grace, minEvents, referenceFiles, thresholds);
  }

  public DriftConfig withReferenceFiles(List<String> files) {
    return new DriftConfig(enabled, topic, windows, grace, minEvents, files, thresholds);
  }

  public DriftConfig withThresholds(DriftThresholds newThresholds) {
    return new DriftConfig(
        enabled, topic, windows, grace, minEvents, referenceFiles, newThresholds);
  }

  /**
   * How often the wall-clock punctuator looks for windows to close when traffic stops: the advance,
   * at most once a second, at least every 100 ms.
   */
  Duration punctuationInterval() {
    return Duration.ofMillis(Math.max(100, Math.min(1000, windows.advanceMs())));
  }
}
