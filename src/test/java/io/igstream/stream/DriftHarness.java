package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.drift.ReferenceProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology with drift under {@link TopologyTestDriver} (exactly_once_v2), on {@link
 * KnownAttributionsModel} (attributions = features a, b, c, d). Events are sent with chosen record
 * timestamps, in ms after {@link #T0} (a multiple of every window size used, so windows start at
 * T0).
 */
final class DriftHarness implements AutoCloseable {
  static final long T0 = TopologyHarness.START.toEpochMilli();
  static final AvroBinarySerde<DriftEvent> DRIFT =
      new AvroBinarySerde<>(DriftEvent.getClassSchema());

  final StreamMetrics metrics = new StreamMetrics();
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> input;
  final TestOutputTopic<byte[], AttributionEvent> attributions;
  final TestOutputTopic<String, DriftEvent> drift;
  private final ExplainerStreamConfig config;
  private int sent;

  DriftHarness(DriftConfig drift, Map<String, ReferenceProfile> files, Path stateDir) {
    this.config =
        ExplainerStreamConfig.defaults().withBatching(1, Duration.ofSeconds(1)).withDrift(drift);
    Topology topology =
        ExplainerTopology.build(
            config,
            ModelCatalog.builder().add(new KnownAttributionsModel(false)).build(),
            TopologyHarness.PREDICTIONS,
            TopologyHarness.ATTRIBUTIONS,
            TopologyHarness.REASON_CODES,
            new DriftWiring(TopologyHarness.ATTRIBUTIONS, DRIFT, files),
            metrics);
    this.driver =
        new TopologyTestDriver(
            topology,
            StreamsSettings.defaults(TopologyHarness.APP_ID, "unused:9092")
                .toProperties(Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())),
            TopologyHarness.START);
    this.input =
        driver.createInputTopic(
            config.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
    this.attributions =
        driver.createOutputTopic(
            config.outputTopic(), new ByteArrayDeserializer(), TopologyHarness.ATTRIBUTIONS);
    this.drift = driver.createOutputTopic(drift.topic(), new StringDeserializer(), DRIFT);
  }

  /** Windows of {@code sizeMs} (advance {@code advanceMs}), grace, min events; reference first. */
  static DriftConfig config(long sizeMs, long advanceMs, long graceMs, int minEvents) {
    return ExplainerStreamConfig.defaults()
        .drift()
        .withWindows(
            new io.igstream.drift.DriftWindows(sizeMs, advanceMs),
            Duration.ofMillis(graceMs),
            minEvents);
  }

  /** Sends one prediction at {@code T0 + offsetMs} whose attributions will be {@code a}. */
  void send(long offsetMs, double... a) {
    String id = "e" + sent++;
    PredictionEvent e =
        PredictionEvent.newBuilder()
            .setId(id)
            .setModel(KnownAttributionsModel.NAME)
            .setModelVersion(null)
            .setEventTime(TopologyHarness.START)
            .setFeatures(Arrays.stream(a).boxed().toList())
            .setScore(null)
            .setBaseline(null)
            .setAttributes(Map.of())
            .build();
    input.pipeInput(
        TopologyHarness.utf8(id),
        TopologyHarness.PREDICTIONS.serialize(config.inputTopic(), e),
        T0 + offsetMs);
  }

  /** Sends {@code n} events spread over {@code [fromMs, fromMs + n)}. */
  void sendMany(long fromMs, int n, double... a) {
    for (int i = 0; i < n; i++) {
      send(fromMs + i, a);
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
