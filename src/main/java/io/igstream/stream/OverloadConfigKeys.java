package io.igstream.stream;

import static io.igstream.stream.ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.OVERLOAD_MIN_DEGRADED_MS_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.OVERLOAD_POLICY_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.OVERLOAD_RECOVER_RATIO_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.OVERLOAD_SAMPLE_RATE_CONFIG;
import static io.igstream.stream.ExplainerStreamConfig.OVERLOAD_STEPS_CONFIG;

import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The {@code igstream.overload.*} keys of {@link ExplainerStreamConfig#CONFIG_DEF} and their
 * parsing.
 */
final class OverloadConfigKeys {
  private OverloadConfigKeys() {}

  /** Adds the keys to {@code def} (in the order the config reference lists them). */
  static ConfigDef define(ConfigDef def) {
    return def.define(
            OVERLOAD_MAX_LAG_MS_CONFIG,
            Type.LONG,
            0L,
            ConfigDef.Range.atLeast(0L),
            Importance.MEDIUM,
            "Overload bound: when an event reaches the explain step more than this many"
                + " milliseconds after its record timestamp (wall clock), the explainer degrades"
                + " as igstream.overload.policy says, and every degraded attribution says so in"
                + " its degraded field. 0: never degrade.")
        .define(
            OVERLOAD_POLICY_CONFIG,
            Type.STRING,
            "steps",
            ConfigDef.ValidString.in("steps", "sample"),
            Importance.MEDIUM,
            "How to degrade: steps (every event explained with Gauss-Legendre and"
                + " igstream.overload.steps nodes; the completeness error is still reported) or"
                + " sample (a share igstream.overload.sample.rate of events explained, chosen by a"
                + " hash of the event id; the rest counted as skipped, not explained).")
        .define(
            OVERLOAD_STEPS_CONFIG,
            Type.INT,
            8,
            ConfigDef.Range.between(1, 1000),
            Importance.LOW,
            "Gauss-Legendre nodes per path while degraded with policy steps.")
        .define(
            OVERLOAD_SAMPLE_RATE_CONFIG,
            Type.DOUBLE,
            0.25,
            ConfigDef.Range.between(Double.MIN_VALUE, 1.0),
            Importance.LOW,
            "Share of events explained while degraded with policy sample, in (0, 1].")
        .define(
            OVERLOAD_RECOVER_RATIO_CONFIG,
            Type.DOUBLE,
            0.5,
            ConfigDef.Range.between(Double.MIN_VALUE, 1.0),
            Importance.LOW,
            "Hysteresis: the explainer recovers when events arrive at most this share of"
                + " igstream.overload.max.lag.ms late, in (0, 1].")
        .define(
            OVERLOAD_MIN_DEGRADED_MS_CONFIG,
            Type.LONG,
            5000L,
            ConfigDef.Range.atLeast(0L),
            Importance.LOW,
            "Hysteresis: once degraded, the explainer stays degraded at least this many"
                + " milliseconds.");
  }

  /** The overload policy of parsed {@code c}. */
  static OverloadPolicy parse(AbstractConfig c) {
    return new OverloadPolicy(
        Duration.ofMillis(c.getLong(OVERLOAD_MAX_LAG_MS_CONFIG)),
        OverloadPolicy.Mode.parse(c.getString(OVERLOAD_POLICY_CONFIG)),
        c.getInt(OVERLOAD_STEPS_CONFIG),
        c.getDouble(OVERLOAD_SAMPLE_RATE_CONFIG),
        c.getDouble(OVERLOAD_RECOVER_RATIO_CONFIG),
        Duration.ofMillis(c.getLong(OVERLOAD_MIN_DEGRADED_MS_CONFIG)));
  }
}
