package io.igstream.stream;

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
      OverloadConfigKeys.define(
          DriftConfigKeys.define(
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
                          + " attribution, with the same key and headers.")));

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
        DriftConfigKeys.parse(c),
        OverloadConfigKeys.parse(c));
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
