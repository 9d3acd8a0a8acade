package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCodeEvent;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The explainer topology, a pure function of its inputs:
 *
 * <pre>
 * predictions-source (bytes) -> validate -> select -> explain [explain-buffer] -> attributions-sink
 *                                  |                     |   |
 *                                  |                     |   +--> reason-codes-sink (alerts only)
 *                                  |                     |   +--> recent [dashboard stores]
 *                                  +---------------------+--> dead-letter-sink
 * </pre>
 *
 * <p>With a {@link DriftWiring} and {@code igstream.drift.enabled}, the {@link DriftTopology}
 * sub-topology reads the attributions back and publishes a {@code DriftEvent} per model and closed
 * window.
 *
 * <p>{@code recent} keeps the latest explained events and alerts of each task in small in-memory
 * stores that the dashboard queries ({@link DashboardStores}); it writes to no topic.
 *
 * <p>{@code reason-codes-sink} exists only when the topology is built with a {@code
 * ReasonCodeEvent} serializer. It receives one {@code ReasonCodeEvent} per explained event whose
 * score (the live score, else the recomputed prediction) is at least its model's {@code
 * alertThreshold}, for models whose spec has {@code reasonCodes}; models without either publish
 * none. The explain processor forwards it right after the event's attribution, so both are in the
 * same transaction, with the same key, headers and timestamp.
 *
 * <p>The source reads raw bytes so that a record that cannot be deserialized is dead-lettered with
 * its original bytes instead of failing the stream. The serdes are collaborators, configured by the
 * caller (Kafka Streams does not configure serdes handed to a topology).
 */
public final class ExplainerTopology {
  public static final String SOURCE = "predictions-source";
  public static final String VALIDATE = "validate";
  public static final String SELECT = "select";
  public static final String EXPLAIN = "explain";
  public static final String ATTRIBUTIONS_SINK = "attributions-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";
  public static final String REASON_CODES_SINK = "reason-codes-sink";
  public static final String RECENT = "recent";

  /** The batch buffer; its changelog topic is {@code <application.id>-explain-buffer-changelog}. */
  public static final String BUFFER_STORE = "explain-buffer";

  private ExplainerTopology() {}

  /**
   * Builds the topology without reason codes (no {@value #REASON_CODES_SINK}).
   *
   * @param config topics, selection and batching
   * @param models the models served, by name and version: a fixed {@link ModelCatalog} or a {@link
   *     LiveCatalog} that rotates them
   * @param predictions reads {@code PredictionEvent} values (configured by the caller)
   * @param attributions writes {@code AttributionEvent} values (configured by the caller)
   * @param metrics where the processors count what they do
   * @throws IllegalArgumentException when threshold selection has no threshold for some model
   */
  public static Topology build(
      ExplainerStreamConfig config,
      ModelSource models,
      Deserializer<PredictionEvent> predictions,
      Serializer<AttributionEvent> attributions,
      StreamMetrics metrics) {
    return build(config, models, predictions, attributions, metrics, BufferDurability.CHANGELOGGED);
  }

  /**
   * Builds the topology with reason codes: alerts of models with a reason-code table also go to
   * {@link ExplainerStreamConfig#reasonCodesTopic()}.
   *
   * @param reasonCodes writes {@code ReasonCodeEvent} values (configured by the caller)
   * @see #build(ExplainerStreamConfig, ModelSource, Deserializer, Serializer, StreamMetrics)
   */
  public static Topology build(
      ExplainerStreamConfig config,
      ModelSource models,
      Deserializer<PredictionEvent> predictions,
      Serializer<AttributionEvent> attributions,
      Serializer<ReasonCodeEvent> reasonCodes,
      StreamMetrics metrics) {
    Objects.requireNonNull(reasonCodes, "reasonCodes");
    return build(
        config,
        models,
        predictions,
        attributions,
        Optional.of(reasonCodes),
        Optional.empty(),
        metrics,
        BufferDurability.CHANGELOGGED);
  }

  /**
   * Builds the topology with reason codes and, when {@link DriftConfig#enabled()}, attribution
   * drift ({@link DriftTopology}).
   *
   * @param drift the drift sub-topology's serdes and file references
   */
  public static Topology build(
      ExplainerStreamConfig config,
      ModelSource models,
      Deserializer<PredictionEvent> predictions,
      Serializer<AttributionEvent> attributions,
      Serializer<ReasonCodeEvent> reasonCodes,
      DriftWiring drift,
      StreamMetrics metrics) {
    Objects.requireNonNull(reasonCodes, "reasonCodes");
    Objects.requireNonNull(drift, "drift");
    return build(
        config,
        models,
        predictions,
        attributions,
        Optional.of(reasonCodes),
        Optional.of(drift),
        metrics,
        BufferDurability.CHANGELOGGED);
  }

  /** How the explain buffer survives a crash. Only {@link #CHANGELOGGED} is ever used to serve. */
  enum BufferDurability {
    /** Persistent and changelogged: restored after a crash (the exactly-once design). */
    CHANGELOGGED,
    /**
     * In memory, no changelog: what a plain Java collection would give. Exists only as the negative
     * control of a crash test, which must then see events go missing.
     */
    LOST_ON_CRASH
  }

  /** {@link #build} with a chosen buffer durability; package-private for the crash test. */
  static Topology build(
      ExplainerStreamConfig config,
      ModelSource models,
      Deserializer<PredictionEvent> predictions,
      Serializer<AttributionEvent> attributions,
      StreamMetrics metrics,
      BufferDurability durability) {
    return build(
        config,
        models,
        predictions,
        attributions,
        Optional.empty(),
        Optional.empty(),
        metrics,
        durability);
  }

  private static Topology build(
      ExplainerStreamConfig config,
      ModelSource models,
      Deserializer<PredictionEvent> predictions,
      Serializer<AttributionEvent> attributions,
      Optional<Serializer<ReasonCodeEvent>> reasonCodes,
      Optional<DriftWiring> drift,
      StreamMetrics metrics,
      BufferDurability durability) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(predictions, "predictions");
    Objects.requireNonNull(attributions, "attributions");
    Objects.requireNonNull(metrics, "metrics");
    requireServable(config, models.current());

    PredictionValidator validator = new PredictionValidator(predictions, models);
    EventSelector selector = new EventSelector(config.selection());
    BatchExplanation batchExplanation =
        new BatchExplanation(validator, metrics, reasonCodes.isPresent());

    StoreBuilder<KeyValueStore<String, BufferedRecord>> buffer =
        durability == BufferDurability.CHANGELOGGED
            ? Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(BUFFER_STORE),
                    Serdes.String(),
                    BufferedRecordSerde.serde())
                // Changelogged (the default, stated here because exactly-once depends on it).
                .withLoggingEnabled(Map.of())
                // Cached: a record buffered and flushed within one commit interval (the usual
                // case: batches fill or time out within it) reaches RocksDB and the changelog only
                // as its tombstone, not as a ~700-byte put and then a tombstone. The cache is
                // flushed before every commit, so the committed changelog is the same state.
                .withCachingEnabled()
            : Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(BUFFER_STORE),
                    Serdes.String(),
                    BufferedRecordSerde.serde())
                .withLoggingDisabled();

    // The drift part is DSL (it needs a repartition topic, which only the DSL declares); the
    // explain part stays Processor API, added to the same topology.
    StreamsBuilder builder = new StreamsBuilder();
    if (config.drift().enabled()) {
      drift.ifPresent(wiring -> DriftTopology.add(builder, config, wiring, metrics));
    }
    Topology topology = builder.build();
    topology.addSource(
        SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.inputTopic());
    topology.addProcessor(VALIDATE, () -> new ValidateProcessor(validator, metrics), SOURCE);
    topology.addProcessor(SELECT, () -> new SelectProcessor(selector, metrics), VALIDATE);
    topology.addProcessor(
        EXPLAIN, () -> new ExplainProcessor(config, batchExplanation, metrics), SELECT);
    topology.addStateStore(buffer, EXPLAIN);
    topology.addProcessor(RECENT, RecentRecorder::new, EXPLAIN);
    topology.addStateStore(DashboardStores.recentAttributions(), RECENT);
    topology.addStateStore(DashboardStores.recentAlerts(), RECENT);
    topology.addSink(
        ATTRIBUTIONS_SINK, config.outputTopic(), new ByteArraySerializer(), attributions, EXPLAIN);
    reasonCodes.ifPresent(
        serializer ->
            topology.addSink(
                REASON_CODES_SINK,
                config.reasonCodesTopic(),
                new ByteArraySerializer(),
                serializer,
                EXPLAIN));
    topology.addSink(
        DEAD_LETTER_SINK,
        config.deadLetterTopic(),
        new ByteArraySerializer(),
        new ByteArraySerializer(),
        VALIDATE,
        EXPLAIN);
    return topology;
  }

  /**
   * Whether the topology can serve {@code models}: threshold selection without a configured
   * threshold needs every model's alert threshold. Checked at build and before a rotation.
   *
   * @throws IllegalArgumentException naming the model that cannot be served
   */
  public static void requireServable(ExplainerStreamConfig config, ModelCatalog models) {
    Selection selection = config.selection();
    if (selection.mode() != Selection.Mode.THRESHOLD || selection.threshold().isPresent()) {
      return;
    }
    for (ServedModel m : models.models()) {
      if (m.alertThreshold().isEmpty()) {
        throw new IllegalArgumentException(
            "select=threshold needs a threshold: set "
                + ExplainerStreamConfig.THRESHOLD_CONFIG
                + " or alertThreshold in the spec of "
                + m);
      }
    }
  }

  /** Where the record being processed was read (the source node always knows). */
  static SourcePosition position(ProcessorContext<?, ?> context) {
    RecordMetadata m =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("no input record being processed"));
    return new SourcePosition(m.topic(), m.partition(), m.offset());
  }
}
