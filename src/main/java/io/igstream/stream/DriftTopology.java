package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The drift sub-topology:
 *
 * <pre>
 * attributions (read back, read_committed) -> drift-contributions (re-key by model)
 *   -> [&lt;application.id&gt;-drift-profiles-repartition] -> drift-judge [drift-windows, drift-models]
 *   -> drift-sink (igstream.drift.topic)
 * </pre>
 *
 * <p>Why read the attribution topic back instead of forking inside the explain processor: the
 * explain step's transaction stays exactly as it was, drift sees exactly what was published
 * (committed attributions only), and the repartition topic, created and managed by Kafka Streams
 * like the changelogs, routes every event of a model to one task whatever partition or instance
 * explained it. What crosses it is compact: version, feature names, attributions.
 */
final class DriftTopology {
  static final String SOURCE = "drift-attributions-source";
  static final String CONTRIBUTIONS = "drift-contributions";

  /** Kafka Streams names the topic {@code <application.id>-drift-profiles-repartition}. */
  static final String REPARTITION = "drift-profiles";

  static final String JUDGE = "drift-judge";
  static final String SINK = "drift-sink";

  /** Open windows; changelog {@code <application.id>-drift-windows-changelog}. */
  static final String WINDOW_STORE = "drift-windows";

  /** Per model: closed-until mark and the {@code first} reference. */
  static final String MODEL_STORE = "drift-models";

  private DriftTopology() {}

  static void add(
      StreamsBuilder builder, ExplainerStreamConfig config, DriftWiring wiring, StreamMetrics m) {
    DriftConfig drift = config.drift();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WINDOW_STORE), Serdes.String(), DriftSerdes.window())
            .withLoggingEnabled(Map.of())
            // Every attribution rewrites its open window: cached, a window reaches RocksDB and
            // the changelog once per commit instead of once per event (flushed before each commit).
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MODEL_STORE), Serdes.String(), DriftSerdes.model())
            .withLoggingEnabled(Map.of())
            // Read for every attribution, written once per closed window.
            .withCachingEnabled());
    Deserializer<AttributionEvent> attributions = wiring.attributions();
    String topic = config.outputTopic();
    builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
        .flatMap(
            (key, bytes) ->
                contribution(attributions, topic, bytes, m)
                    .map(kv -> List.of(kv))
                    .orElse(List.of()),
            Named.as(CONTRIBUTIONS))
        .repartition(
            Repartitioned.with(Serdes.String(), DriftSerdes.contribution()).withName(REPARTITION))
        .process(
            () -> new DriftProcessor(drift, wiring.referenceFiles(), m),
            Named.as(JUDGE),
            WINDOW_STORE,
            MODEL_STORE)
        .to(
            drift.topic(),
            Produced.with(Serdes.String(), writeOnly(wiring.driftEvents())).withName(SINK));
  }

  /** An attribution that cannot be read back is counted and left out of drift (not fatal). */
  private static Optional<KeyValue<String, DriftContribution>> contribution(
      Deserializer<AttributionEvent> attributions, String topic, byte[] bytes, StreamMetrics m) {
    try {
      AttributionEvent e = attributions.deserialize(topic, bytes);
      double[] a = e.getAttributions().stream().mapToDouble(Double::doubleValue).toArray();
      return Optional.of(
          KeyValue.pair(
              e.getModel(),
              new DriftContribution(
                  Optional.ofNullable(e.getModelVersion()), e.getFeatureNames(), a)));
    } catch (RuntimeException e) {
      m.recordDriftSkipped();
      return Optional.empty();
    }
  }

  private static Serde<DriftEvent> writeOnly(Serializer<DriftEvent> serializer) {
    return Serdes.serdeFrom(
        serializer,
        (t, bytes) -> {
          throw new UnsupportedOperationException("the drift topic is written, not read, here");
        });
  }
}
