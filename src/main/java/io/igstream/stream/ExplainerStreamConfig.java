package io.igstream.stream;

import io.igstream.drift.DriftThresholds;
import io.igstream.drift.DriftWindows;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the explainer topology reads, writes and how it batches. Build it with {@link #defaults()}
 * and the {@code with...} methods, or from key/value settings with {@link #fromMap} (the keys and
 * their docs are {@link #CONFIG_DEF}; every default is listed there and nowhere else).
 *
 * @param inputTopic topic of {@code PredictionEvent}s
 * @param outputTopic topic the {@code AttributionEvent}s go to
 * @param deadLetterTopic topic for events that cannot be explained (original bytes + reason)
 * @param selection which valid events are explained
 * @param batchSize events per explain call; a full buffer flushes at once
 * @param flushInterval a partial batch is flushed at most this long after its first event arrived
 * @param reasonCodesTopic topic the {@code ReasonCodeEvent}s of alerts go to (when the topology is
 *     built with a reason-code serializer)
 * @param drift attribution drift: windows, reference, thresholds and the drift topic
 * @param overload when and how to degrade under overload
 */
public record ExplainerStreamConfig(
    String inputTopic,
    String outputTopic,
    String deadLetterTopic,
    Selection selection,
    int batchSize,
    Duration flushInterval,
    String reasonCodesTopic,
    DriftConfig drift,
    OverloadPolicy overload) {

  public static final String INPUT_TOPIC_CONFIG = "igstream.input.topic";
  public static final String OUTPUT_TOPIC_CONFIG = "igstream.output.topic";
  public static final String DEAD_LETTER_TOPIC_CONFIG = "igstream.dead.letter.topic";
  public static final String SELECT_CONFIG = "igstream.explain.select";
  public static final String THRESHOLD_CONFIG = "igstream.explain.threshold";
  public static final String SAMPLE_RATE_CONFIG = "igstream.explain.sample.rate";
  public static final String BATCH_SIZE_CONFIG = "igstream.explain.batch.size";
  public static final String FLUSH_INTERVAL_MS_CONFIG = "igstream.explain.flush.interval.ms";
  public static final String REASON_CODES_TOPIC_CONFIG = "igstream.reasons.topic";
  public static final String DRIFT_ENABLED_CONFIG = "igstream.drift.enabled";
  public static final String DRIFT_TOPIC_CONFIG = "igstream.drift.topic";
  public static final String DRIFT_WINDOW_MS_CONFIG = "igstream.drift.window.ms";
  public static final String DRIFT_ADVANCE_MS_CONFIG = "igstream.drift.advance.ms";
  public static final String DRIFT_GRACE_MS_CONFIG = "igstream.drift.grace.ms";
  public static final String DRIFT_MIN_EVENTS_CONFIG = "igstream.drift.min.events";
  public static final String DRIFT_REFERENCE_CONFIG = "igstream.drift.reference";
  public static final String DRIFT_TOPK_CONFIG = "igstream.drift.topk";
  public static final String DRIFT_SHARE_THRESHOLD_CONFIG = "igstream.drift.share.threshold";
  public static final String DRIFT_JSD_THRESHOLD_CONFIG = "igstream.drift.jsd.threshold";
  public static final String DRIFT_NDCG_THRESHOLD_CONFIG = "igstream.drift.ndcg.threshold";
  public static final String OVERLOAD_MAX_LAG_MS_CONFIG = "igstream.overload.max.lag.ms";
  public static final String OVERLOAD_POLICY_CONFIG = "igstream.overload.policy";
  public static final String OVERLOAD_STEPS_CONFIG = "igstream.overload.steps";
  public static final String OVERLOAD_SAMPLE_RATE_CONFIG = "igstream.overload.sample.rate";
  public static final String OVERLOAD_RECOVER_RATIO_CONFIG = "igstream.overload.recover.ratio";
  public static final String OVERLOAD_MIN_DEGRADED_MS_CONFIG = "igstream.overload.min.degraded.ms";

  /** Every key, its default, validator and documentation. */
  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              INPUT_TOPIC_CONFIG,
              Type.STRING,
              "predictions",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Topic the PredictionEvent records are read from.")
          .define(
              OUTPUT_TOPIC_CONFIG,
              Type.STRING,
              "attributions",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Topic the AttributionEvent records are written to.")
          .define(
              DEAD_LETTER_TOPIC_CONFIG,
              Type.STRING,
              "predictions-dlq",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "Topic for events that cannot be explained: original key, value and headers plus"
                  + " igstream.dlq.* headers naming the reason, source topic, partition and offset.")
          .define(
              SELECT_CONFIG,
              Type.STRING,
              "all",
              ConfigDef.ValidString.in("all", "threshold", "sample"),
              Importance.MEDIUM,
              "Which valid events to explain: all; threshold (live score >= threshold; events"
                  + " without a score are explained); sample (a share of events chosen by a hash of"
                  + " the event id, the same on every replay). Events not selected are counted as"
                  + " skipped, not dead-lettered.")
          .define(
              THRESHOLD_CONFIG,
              Type.DOUBLE,
              null,
              Importance.MEDIUM,
              "Score threshold for select=threshold. Unset: each model spec's alertThreshold.")
          .define(
              SAMPLE_RATE_CONFIG,
              Type.DOUBLE,
              0.1,
              ConfigDef.Range.between(Double.MIN_VALUE, 1.0),
              Importance.MEDIUM,
              "Share of events explained with select=sample, in (0, 1].")
          .define(
              BATCH_SIZE_CONFIG,
              Type.INT,
              64,
              ConfigDef.Range.between(1, 100_000),
              Importance.MEDIUM,
              "Events per explain call: a batch is explained as soon as this many are buffered.")
          .define(
              FLUSH_INTERVAL_MS_CONFIG,
              Type.LONG,
              100L,
              ConfigDef.Range.atLeast(1L),
              Importance.MEDIUM,
              "A partial batch is explained at most this many milliseconds (wall clock) after"
                  + " its first event arrived: the bound on batching delay at low load (at high"
                  + " load batches fill first).")
          .define(
              REASON_CODES_TOPIC_CONFIG,
              Type.STRING,
              "reason-codes",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              "Topic the ReasonCodeEvent records go to: one per explained event whose score (the"
                  + " live score, else the recomputed prediction) is >= its model's alertThreshold,"
                  + " for models whose spec has reasonCodes; written in the same transaction as the"
                  + " attribution, with the same key and headers.")
          .define(
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
                  + " shares, falls below this.")
          .define(
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

  public ExplainerStreamConfig {
    requireTopic(INPUT_TOPIC_CONFIG, inputTopic);
    requireTopic(OUTPUT_TOPIC_CONFIG, outputTopic);
    requireTopic(DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
    requireTopic(REASON_CODES_TOPIC_CONFIG, reasonCodesTopic);
    if (drift == null) {
      throw new ConfigException("drift settings are required");
    }
    List<String> topics =
        List.of(inputTopic, outputTopic, deadLetterTopic, reasonCodesTopic, drift.topic());
    // Not Set.of: it refuses duplicates itself, with a message that names no key.
    if (new HashSet<>(topics).size() < topics.size()) {
      throw new ConfigException(
          "input, output, dead-letter, reason-code and drift topics must differ, got "
              + String.join(", ", topics));
    }
    if (selection == null) {
      throw new ConfigException(SELECT_CONFIG + " must not be null");
    }
    if (batchSize < 1) {
      throw new ConfigException(BATCH_SIZE_CONFIG, batchSize, "must be at least 1");
    }
    if (flushInterval == null || flushInterval.toMillis() < 1) {
      throw new ConfigException(FLUSH_INTERVAL_MS_CONFIG, flushInterval, "must be at least 1 ms");
    }
    if (overload == null) {
      throw new ConfigException(OVERLOAD_MAX_LAG_MS_CONFIG + " and the overload policy are null");
    }
  }

  /** Every key at its default. */
  public static ExplainerStreamConfig defaults() {
    return fromMap(Map.of());
  }

  /** Parses and validates settings; unknown keys are ignored (they belong to other components). */
  public static ExplainerStreamConfig fromMap(Map<String, ?> settings) {
    AbstractConfig c = new AbstractConfig(CONFIG_DEF, settings, false);
    Selection.Mode mode = Selection.Mode.parse(c.getString(SELECT_CONFIG));
    Optional<Double> threshold = Optional.ofNullable(c.getDouble(THRESHOLD_CONFIG));
    Selection selection;
    try {
      selection = new Selection(mode, threshold, c.getDouble(SAMPLE_RATE_CONFIG));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new ExplainerStreamConfig(
        c.getString(INPUT_TOPIC_CONFIG),
        c.getString(OUTPUT_TOPIC_CONFIG),
        c.getString(DEAD_LETTER_TOPIC_CONFIG),
        selection,
        c.getInt(BATCH_SIZE_CONFIG),
        Duration.ofMillis(c.getLong(FLUSH_INTERVAL_MS_CONFIG)),
        c.getString(REASON_CODES_TOPIC_CONFIG),
        drift(c),
        new OverloadPolicy(
            Duration.ofMillis(c.getLong(OVERLOAD_MAX_LAG_MS_CONFIG)),
            OverloadPolicy.Mode.parse(c.getString(OVERLOAD_POLICY_CONFIG)),
            c.getInt(OVERLOAD_STEPS_CONFIG),
            c.getDouble(OVERLOAD_SAMPLE_RATE_CONFIG),
            c.getDouble(OVERLOAD_RECOVER_RATIO_CONFIG),
            Duration.ofMillis(c.getLong(OVERLOAD_MIN_DEGRADED_MS_CONFIG))));
  }

  private static DriftConfig drift(AbstractConfig c) {
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

  public ExplainerStreamConfig withTopics(String input, String output, String deadLetter) {
    return new ExplainerStreamConfig(
        input,
        output,
        deadLetter,
        selection,
        batchSize,
        flushInterval,
        reasonCodesTopic,
        drift,
        overload);
  }

  public ExplainerStreamConfig withSelection(Selection newSelection) {
    return new ExplainerStreamConfig(
        inputTopic,
        outputTopic,
        deadLetterTopic,
        newSelection,
        batchSize,
        flushInterval,
        reasonCodesTopic,
        drift,
        overload);
  }

  public ExplainerStreamConfig withBatching(int newBatchSize, Duration newFlushInterval) {
    return new ExplainerStreamConfig(
        inputTopic,
        outputTopic,
        deadLetterTopic,
        selection,
        newBatchSize,
        newFlushInterval,
        reasonCodesTopic,
        drift,
        overload);
  }

  public ExplainerStreamConfig withReasonCodesTopic(String topic) {
    return new ExplainerStreamConfig(
        inputTopic,
        outputTopic,
        deadLetterTopic,
        selection,
        batchSize,
        flushInterval,
        topic,
        drift,
        overload);
  }

  public ExplainerStreamConfig withDrift(DriftConfig newDrift) {
    return new ExplainerStreamConfig(
        inputTopic,
        outputTopic,
        deadLetterTopic,
        selection,
        batchSize,
        flushInterval,
        reasonCodesTopic,
        newDrift,
        overload);
  }

  public ExplainerStreamConfig withOverload(OverloadPolicy policy) {
    return new ExplainerStreamConfig(
        inputTopic,
        outputTopic,
        deadLetterTopic,
        selection,
        batchSize,
        flushInterval,
        reasonCodesTopic,
        drift,
        policy);
  }

  /**
   * How often the wall-clock punctuator looks at the buffer: a quarter of the flush interval (at
   * least 1 ms). The punctuator flushes when waiting one more tick would exceed the interval.
   */
  public Duration punctuationInterval() {
    return Duration.ofMillis(Math.max(1, flushInterval.toMillis() / 4));
  }

  private static void requireTopic(String key, String topic) {
    if (topic == null || topic.isBlank()) {
      throw new ConfigException(key, topic, "a topic name is required");
    }
  }
}
