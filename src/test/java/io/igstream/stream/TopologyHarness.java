package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCodeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The real topology under {@link TopologyTestDriver}, with exactly_once_v2 as in production. */
final class TopologyHarness implements AutoCloseable {
  static final String APP_ID = "igstream-test";
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final AvroBinarySerde<PredictionEvent> PREDICTIONS =
      new AvroBinarySerde<>(PredictionEvent.getClassSchema());
  static final AvroBinarySerde<AttributionEvent> ATTRIBUTIONS =
      new AvroBinarySerde<>(AttributionEvent.getClassSchema());
  static final AvroBinarySerde<ReasonCodeEvent> REASON_CODES =
      new AvroBinarySerde<>(ReasonCodeEvent.getClassSchema());

  final ExplainerStreamConfig config;
  final StreamMetrics metrics = new StreamMetrics();
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> input;
  final TestOutputTopic<byte[], AttributionEvent> attributions;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  final TestOutputTopic<byte[], ReasonCodeEvent> reasonCodes;

  TopologyHarness(ExplainerStreamConfig config, ModelCatalog catalog, Path stateDir) {
    this.config = config;
    this.driver =
        new TopologyTestDriver(
            ExplainerTopology.build(
                config, catalog, PREDICTIONS, ATTRIBUTIONS, REASON_CODES, metrics),
            StreamsSettings.defaults(APP_ID, "unused:9092")
                .toProperties(Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())),
            START);
    this.input =
        driver.createInputTopic(
            config.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
    this.attributions =
        driver.createOutputTopic(config.outputTopic(), new ByteArrayDeserializer(), ATTRIBUTIONS);
    this.deadLetters =
        driver.createOutputTopic(
            config.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.reasonCodes =
        driver.createOutputTopic(
            config.reasonCodesTopic(), new ByteArrayDeserializer(), REASON_CODES);
  }

  void send(PredictionEvent event) {
    send(event.getId(), event, new RecordHeaders());
  }

  void send(String key, PredictionEvent event, Headers headers) {
    sendRaw(utf8(key), PREDICTIONS.serialize(config.inputTopic(), event), headers);
  }

  /**
   * Sends {@code event} with record timestamp {@code timestamp} (its lag is wall clock minus it).
   */
  void sendAt(PredictionEvent event, Instant timestamp) {
    input.pipeInput(
        new TestRecord<>(
            utf8(event.getId()),
            PREDICTIONS.serialize(config.inputTopic(), event),
            new RecordHeaders(),
            timestamp));
  }

  void sendRaw(byte[] key, byte[] value, Headers headers) {
    input.pipeInput(new TestRecord<>(key, value, headers, START));
  }

  void advanceWallClock(Duration d) {
    driver.advanceWallClockTime(d);
  }

  KeyValueStore<String, Object> buffer() {
    return driver.getKeyValueStore(ExplainerTopology.BUFFER_STORE);
  }

  /** Entries in the explain buffer, counted exactly (RocksDB's own count is an estimate). */
  long bufferSize() {
    long n = 0;
    try (var all = buffer().all()) {
      while (all.hasNext()) {
        all.next();
        n++;
      }
    }
    return n;
  }

  static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  static String header(Headers headers, String name) {
    var h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
  }
}
