package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ModelExplainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching boundaries: a full batch flushes at once, a partial one only on the wall clock. */
class ExplainBufferTest {
  private static ModelExplainer model;
  @TempDir Path stateDir;

  @BeforeAll
  static void openModel() {
    model = FraudModels.open();
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @Test
  void shouldExplainExactlyBatchSizeEventsInOneCall() {
    CountingModel counting = new CountingModel(ServedModel.of(model));
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(4, Duration.ofHours(1));
    List<PredictionEvent> events = FraudModels.events("batch", 9);
    try (TopologyHarness h = new TopologyHarness(config, catalogOf(counting), stateDir)) {
      for (int i = 0; i < 3; i++) {
        h.send(events.get(i));
      }
      assertTrue(h.attributions.isEmpty(), "3 of 4: still buffered");
      assertEquals(3, h.bufferSize());
      assertEquals(3, h.metrics.buffered());
      h.send(events.get(3));
      assertEquals(4, h.attributions.getQueueSize());
      assertEquals(0, h.bufferSize());
      assertEquals(List.of(4), counting.calls);

      for (int i = 4; i < 9; i++) {
        h.send(events.get(i));
      }
      assertEquals(List.of(4, 4), counting.calls, "the 9th waits for the next batch or the timer");
      assertEquals(1, h.bufferSize());
      assertEquals(2, h.metrics.batchesFlushed(FlushTrigger.SIZE));
      assertEquals(0, h.metrics.batchesFlushed(FlushTrigger.TIMER));
      assertEquals(8, h.metrics.eventsPerExplainCall().sum(), 0.0);
      assertEquals(2, h.metrics.eventsPerExplainCall().count());
    }
  }

  @Test
  void shouldFlushAPartialBatchOnlyWhenTheWallClockPassesTheFlushInterval() {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(64, Duration.ofMillis(1000));
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      List<PredictionEvent> events = FraudModels.events("partial", 3);
      h.send(events.get(0));
      h.advanceWallClock(Duration.ofMillis(400));
      h.send(events.get(1));
      h.send(events.get(2));
      h.advanceWallClock(Duration.ofMillis(300));
      assertTrue(h.attributions.isEmpty(), "700 ms < 1000 ms: not yet");
      assertEquals(3, h.bufferSize());

      h.advanceWallClock(Duration.ofMillis(300));
      List<AttributionEvent> out = h.attributions.readValuesToList();
      assertEquals(List.of("partial-0", "partial-1", "partial-2"), ids(out));
      assertEquals(0, h.bufferSize(), "flushed entries are deleted from the store");
      assertEquals(0, h.metrics.buffered());
      assertEquals(1, h.metrics.batchesFlushed(FlushTrigger.TIMER));
      double waited = out.get(0).getExplainMillis();
      assertTrue(waited >= 750 && waited <= 1000, "flushed within the interval: " + waited);
      assertEquals(waited - 400, out.get(1).getExplainMillis(), 0.0);

      h.advanceWallClock(Duration.ofSeconds(5));
      assertEquals(1, h.metrics.batchesFlushed(FlushTrigger.TIMER), "an empty buffer: no flush");
    }
  }

  @Test
  void shouldWriteBufferedEventsToTheChangelogAndTombstoneThemOnFlush() {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(2, Duration.ofHours(1));
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      TestOutputTopic<String, byte[]> changelog =
          h.driver.createOutputTopic(
              TopologyHarness.APP_ID + "-" + ExplainerTopology.BUFFER_STORE + "-changelog",
              new StringDeserializer(),
              new ByteArrayDeserializer());
      List<PredictionEvent> events = FraudModels.events("log", 2);
      h.send(events.get(0));
      TestRecord<String, byte[]> put = changelog.readRecord();
      assertEquals("0000000000-0000000000000000000", put.key());
      BufferedRecord restored = BufferedRecordSerde.read(put.value());
      assertNotNull(restored, "the buffered event is in the changelog: a restore brings it back");
      assertEquals(0, restored.source().offset());

      h.send(events.get(1));
      List<TestRecord<String, byte[]>> rest = changelog.readRecordsToList();
      // The second event was buffered and flushed before the commit that followed it: the store's
      // cache hands the changelog only its tombstone, never the value (nothing to restore).
      assertEquals(2, rest.size(), "a tombstone per flushed entry: " + rest);
      assertEquals(put.key(), rest.get(0).key());
      assertNull(rest.get(0).value());
      assertEquals("0000000000-0000000000000000001", rest.get(1).key());
      assertNull(rest.get(1).value());
      assertEquals(2, h.attributions.getQueueSize());
    }
  }

  @Test
  void shouldWriteNoChangelogForTheNegativeControlBuffer() {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(2, Duration.ofHours(1));
    StreamMetrics metrics = new StreamMetrics();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            ExplainerTopology.build(
                config,
                ModelCatalog.of(model),
                TopologyHarness.PREDICTIONS,
                TopologyHarness.ATTRIBUTIONS,
                metrics,
                ExplainerTopology.BufferDurability.LOST_ON_CRASH),
            StreamsSettings.defaults(TopologyHarness.APP_ID, "unused:9092")
                .toProperties(Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())))) {
      driver
          .createInputTopic(
              config.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer())
          .pipeInput(
              TopologyHarness.utf8("k"),
              TopologyHarness.PREDICTIONS.serialize(
                  "predictions", FraudModels.events("nc", 1).get(0)));
      assertEquals(1, metrics.buffered());
      assertTrue(
          driver.producedTopicNames().stream().noneMatch(t -> t.endsWith("-changelog")),
          "a crash would lose this buffer: " + driver.producedTopicNames());
    }
  }

  @Test
  void shouldExplainAMixedBatchOncePerModelAndKeepInputOrder() {
    CountingModel v1 = new CountingModel(ServedModel.of(model));
    try (ModelExplainer logit = FraudModels.openLogitVersion("2")) {
      CountingModel v2 = new CountingModel(ServedModel.of(logit));
      ModelCatalog catalog =
          ModelCatalog.builder().add(v1).add(v2).defaultVersion(FraudModels.NAME, "1").build();
      ExplainerStreamConfig config =
          ExplainerStreamConfig.defaults().withBatching(6, Duration.ofHours(1));
      List<PredictionEvent> events = FraudModels.events("mixed", 6);
      for (int i = 0; i < 6; i++) {
        events.get(i).setModelVersion(i % 2 == 0 ? null : "2");
      }
      try (TopologyHarness h = new TopologyHarness(config, catalog, stateDir)) {
        events.forEach(h::send);
        List<AttributionEvent> out = h.attributions.readValuesToList();
        assertEquals(ids(events), ids(out), "input order across models");
        assertEquals(List.of(3), v1.calls);
        assertEquals(List.of(3), v2.calls);
        for (int i = 0; i < 6; i++) {
          assertEquals(i % 2 == 0 ? "output[0]" : "logit[0]", out.get(i).getTarget());
          assertEquals(i % 2 == 0 ? "1" : "2", out.get(i).getModelVersion());
        }
      }
    }
  }

  private static ModelCatalog catalogOf(ServedModel m) {
    return ModelCatalog.builder().add(m).build();
  }

  private static List<String> ids(List<?> events) {
    return events.stream()
        .map(e -> e instanceof AttributionEvent a ? a.getId() : ((PredictionEvent) e).getId())
        .toList();
  }
}
