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
    // Not Set.of: it refuses duplicates itself, with a message that names no key.
    if (new HashSet<>(List.of(inputTopic, outputTopic, deadLetterTopic, reasonCodesTopic)).size()
        < 4) {
      throw new ConfigException(
          "input, output, dead-letter and reason-code topics must differ, got "
              + String.join(", ", inputTopic, outputTopic, deadLetterTopic, reasonCodesTopic));
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
        new OverloadPolicy(
            Duration.ofMillis(c.getLong(OVERLOAD_MAX_LAG_MS_CONFIG)),
            OverloadPolicy.Mode.parse(c.getString(OVERLOAD_POLICY_CONFIG)),
            c.getInt(OVERLOAD_STEPS_CONFIG),
            c.getDouble(OVERLOAD_SAMPLE_RATE_CONFIG),
            c.getDouble(OVERLOAD_RECOVER_RATIO_CONFIG),
            Duration.ofMillis(c.getLong(OVERLOAD_MIN_DEGRADED_MS_CONFIG))));
  }

  public ExplainerStreamConfig withTopics(String input, String output, String deadLetter) {
    return new ExplainerStreamConfig(
        input, output, deadLetter, selection, batchSize, flushInterval, reasonCodesTopic, overload);
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
