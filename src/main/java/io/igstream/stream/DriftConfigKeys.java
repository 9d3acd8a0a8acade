package io.igstream.stream;

import static io.igstream.stream.ExplainerStreamConfig.DRIFT_ADVANCE_MS_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_ENABLED_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_GRACE_MS_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_JSD_THRESHOLD_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_MIN_EVENTS_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_NDCG_THRESHOLD_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_REFERENCE_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_SHARE_THRESHOLD_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_TOPIC_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_TOPK_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.DRIFT_WINDOW_MS_CONFIG;

import io.igstream.drift.DriftThresholds;
import io.igstream.drift.DriftWindows;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code igstream.drift.*} keys of {@link ExplainerStreamConfig#CONFIG_DEF} and their parsing.
 */
final class DriftConfigKeys {
  private DriftConfigKeys() {}

  /** Adds the keys to {@code def} (in the order the config reference lists them). */
  static ConfigDef define(ConfigDef def) {
    return def.define(
            DRIFT_ENABLED_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.MEDIUM,
            "Profile each model's attributions per time window and publish a DriftEvent per"
                + " closed window (reads the attribution topic back, re-keyed by model).")
        .define(
            DRIFT_TOPIC_CONFIG,
            Type.STRING,
            "attribution-drift",
            new ConfigDef.NonEmptyString(),
            Importance.MEDIUM,
            "Topic the DriftEvent records go to, keyed by model name: one per closed window. The"
                + " dashboard reads it into a global store (every instance sees every model's"
                + " drift history).")
        .define(
            DRIFT_WINDOW_MS_CONFIG,
            Type.LONG,
            3_600_000L,
            ConfigDef.Range.atLeast(1L),
            Importance.MEDIUM,
            "Drift window size in ms, on record timestamps (the prediction's), aligned to the"
                + " epoch.")
        .define(
            DRIFT_ADVANCE_MS_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0L),
            Importance.LOW,
            "Window advance in ms: 0 or the window size for tumbling windows, less for"
                + " hopping (overlapping) windows.")
        .define(
            DRIFT_GRACE_MS_CONFIG,
            Type.LONG,
            60_000L,
            ConfigDef.Range.atLeast(0L),
            Importance.LOW,
            "A window closes once stream time passes its end + grace (or, when no attribution"
                + " arrives, stream time plus the idle wall-clock time does); events for a closed"
                + " window are late: counted, left out of drift, still published as"
                + " attributions.")
        .define(
            DRIFT_MIN_EVENTS_CONFIG,
            Type.INT,
            100,
            ConfigDef.Range.atLeast(1),
            Importance.MEDIUM,
            "Windows with fewer explained events are published unjudged (judged=false, no"
                + " alert).")
        .define(
            DRIFT_REFERENCE_CONFIG,
            Type.STRING,
            DriftConfig.FIRST,
            Importance.MEDIUM,
            "What windows are compared with: first (each model's first judged window, kept in"
                + " a changelogged store across restarts) or comma-separated profile files made"
                + " by bin/igstream profile (one per model; models without a file use first).")
        .define(
            DRIFT_TOPK_CONFIG,
            Type.INT,
            DriftThresholds.DEFAULT_TOP_K,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "k of the nDCG@k ranking comparison, and how many moved features an event lists.")
        .define(
            DRIFT_SHARE_THRESHOLD_CONFIG,
            Type.DOUBLE,
            DriftThresholds.DEFAULT_SHARE_CHANGE,
            ConfigDef.Range.between(Double.MIN_VALUE, 1.0),
            Importance.MEDIUM,
            "Alert when any feature's share of the total mean |attribution| moves by more"
                + " than this (0.05 = five points) from the reference.")
        .define(
            DRIFT_JSD_THRESHOLD_CONFIG,
            Type.DOUBLE,
            DriftThresholds.DEFAULT_JENSEN_SHANNON,
            ConfigDef.Range.between(Double.MIN_VALUE, 1.0),
            Importance.MEDIUM,
            "Alert when the Jensen-Shannon divergence (bits) of the share distributions"
                + " exceeds this.")
        .define(
            DRIFT_NDCG_THRESHOLD_CONFIG,
            Type.DOUBLE,
            DriftThresholds.DEFAULT_MIN_NDCG,
            ConfigDef.Range.between(0.0, 1.0),
            Importance.MEDIUM,
            "Alert when nDCG@k of the window's feature ranking, graded by the reference"
                + " shares, falls below this.");
  }

  /** The drift settings of parsed {@code c}. */
  static DriftConfig parse(AbstractConfig c) {
    long size = c.getLong(DRIFT_WINDOW_MS_CONFIG);
    long advance = c.getLong(DRIFT_ADVANCE_MS_CONFIG);
    if (advance > size) {
      throw new ConfigException(
          DRIFT_ADVANCE_MS_CONFIG,
          advance,
          "must not exceed " + DRIFT_WINDOW_MS_CONFIG + " (" + size + "); 0 means tumbling");
    }
    DriftThresholds thresholds;
    try {
      thresholds =
          new DriftThresholds(
              c.getInt(DRIFT_TOPK_CONFIG),
              c.getDouble(DRIFT_SHARE_THRESHOLD_CONFIG),
              c.getDouble(DRIFT_JSD_THRESHOLD_CONFIG),
              c.getDouble(DRIFT_NDCG_THRESHOLD_CONFIG));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new DriftConfig(
        c.getBoolean(DRIFT_ENABLED_CONFIG),
        c.getString(DRIFT_TOPIC_CONFIG),
        new DriftWindows(size, advance == 0 ? size : advance),
        Duration.ofMillis(c.getLong(DRIFT_GRACE_MS_CONFIG)),
        c.getInt(DRIFT_MIN_EVENTS_CONFIG),
        DriftConfig.parseReference(c.getString(DRIFT_REFERENCE_CONFIG)),
        thresholds);
  }
}
