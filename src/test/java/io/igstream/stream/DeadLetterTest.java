package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelException;
import io.igstream.model.ModelExplainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input goes to the dead-letter topic as it was read; the stream goes on. */
class DeadLetterTest {
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

  private record Bad(String reason, byte[] value) {}

  @Test
  void shouldDeadLetterEachBadInputWithItsOriginalBytesAndKeepGoing() {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(1, Duration.ofSeconds(1));
    List<PredictionEvent> good = FraudModels.events("good", 2);
    List<Bad> bad = new ArrayList<>();
    bad.add(new Bad("deserialization", new byte[] {(byte) 0xff, 0x00, 0x13}));
    bad.add(new Bad("deserialization", new byte[0]));
    PredictionEvent shortEvent = FraudModels.event("short", new double[29]);
    bad.add(new Bad("feature-count", bytes(shortEvent)));
    PredictionEvent shortBaseline = copy(good.get(0), "short-baseline");
    shortBaseline.setBaseline(List.of(0.0, 0.0));
    bad.add(new Bad("feature-count", bytes(shortBaseline)));
    PredictionEvent nan = copy(good.get(0), "nan");
    nan.getFeatures().set(3, Double.NaN);
    bad.add(new Bad("non-finite", bytes(nan)));
    PredictionEvent infBaseline = copy(good.get(0), "inf-baseline");
    List<Double> baseline = new ArrayList<>(good.get(1).getFeatures());
    baseline.set(0, Double.POSITIVE_INFINITY);
    infBaseline.setBaseline(baseline);
    bad.add(new Bad("non-finite", bytes(infBaseline)));
    PredictionEvent nanScore = copy(good.get(0), "nan-score");
    nanScore.setScore(Double.NaN);
    bad.add(new Bad("non-finite", bytes(nanScore)));
    PredictionEvent unknownName = copy(good.get(0), "unknown-name");
    unknownName.setModel("no-such-model");
    bad.add(new Bad("unknown-model", bytes(unknownName)));
    PredictionEvent unknownVersion = copy(good.get(0), "unknown-version");
    unknownVersion.setModelVersion("7");
    bad.add(new Bad("unknown-model", bytes(unknownVersion)));

    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      h.send(good.get(0));
      for (int i = 0; i < bad.size(); i++) {
        h.sendRaw(TopologyHarness.utf8("bad-" + i), bad.get(i).value(), traced("t" + i));
      }
      h.send(good.get(1));

      List<TestRecord<byte[], byte[]>> dlq = h.deadLetters.readRecordsToList();
      assertEquals(bad.size(), dlq.size());
      for (int i = 0; i < bad.size(); i++) {
        TestRecord<byte[], byte[]> r = dlq.get(i);
        Headers headers = r.headers();
        assertEquals(
            bad.get(i).reason(), TopologyHarness.header(headers, DeadLetters.REASON_HEADER));
        assertArrayEquals(bad.get(i).value(), r.value(), "original value bytes");
        assertArrayEquals(TopologyHarness.utf8("bad-" + i), r.key(), "original key");
        assertEquals("t" + i, TopologyHarness.header(headers, "trace-id"), "original header");
        assertEquals("predictions", TopologyHarness.header(headers, DeadLetters.TOPIC_HEADER));
        assertEquals("0", TopologyHarness.header(headers, DeadLetters.PARTITION_HEADER));
        assertEquals(
            Integer.toString(i + 1), TopologyHarness.header(headers, DeadLetters.OFFSET_HEADER));
        assertTrue(
            TopologyHarness.header(headers, DeadLetters.MESSAGE_HEADER).length() > 10,
            "a human explanation");
      }
      assertTrue(
          TopologyHarness.header(dlq.get(7).headers(), DeadLetters.MESSAGE_HEADER)
              .contains("fraud-demo@1"),
          "an unknown model's message says what is served");

      List<AttributionEvent> out = h.attributions.readValuesToList();
      assertEquals(List.of("good-0", "good-1"), out.stream().map(AttributionEvent::getId).toList());
      assertEquals(2, h.metrics.deadLettered(DeadLetterReason.DESERIALIZATION));
      assertEquals(2, h.metrics.deadLettered(DeadLetterReason.FEATURE_COUNT));
      assertEquals(3, h.metrics.deadLettered(DeadLetterReason.NON_FINITE));
      assertEquals(2, h.metrics.deadLettered(DeadLetterReason.UNKNOWN_MODEL));
      assertEquals(0, h.metrics.deadLettered(DeadLetterReason.MODEL_FAILURE));
    }
  }

  @Test
  void shouldRetryAFailedBatchEventByEventAndDeadLetterOnlyTheFailingOne() {
    PoisonedModel poisoned = new PoisonedModel(ServedModel.of(model), "good-2");
    ModelCatalog catalog = ModelCatalog.builder().add(poisoned).build();
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(5, Duration.ofSeconds(1));
    List<PredictionEvent> events = FraudModels.events("good", 5);
    try (TopologyHarness h = new TopologyHarness(config, catalog, stateDir)) {
      events.forEach(h::send);
      assertEquals(
          List.of("good-0", "good-1", "good-3", "good-4"),
          h.attributions.readValuesToList().stream().map(AttributionEvent::getId).toList());
      TestRecord<byte[], byte[]> dead = h.deadLetters.readRecord();
      assertEquals(
          "model-failure", TopologyHarness.header(dead.headers(), DeadLetters.REASON_HEADER));
      assertEquals("2", TopologyHarness.header(dead.headers(), DeadLetters.OFFSET_HEADER));
      assertArrayEquals(bytes(events.get(2)), dead.value());
      assertEquals(List.of(5, 1, 1, 1, 1, 1), poisoned.batchSizes, "one batch, then each alone");
      assertEquals(1, h.metrics.deadLettered(DeadLetterReason.MODEL_FAILURE));
      assertEquals(0, h.bufferSize());
    }
  }

  @Test
  void shouldDeadLetterAnEventWhoseExplanationIsNotFinite() {
    // 1e300 is a finite double but overflows the model's float32 input: the real network
    // produces NaN/Inf, which must not reach the output topic.
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(3, Duration.ofSeconds(1));
    List<PredictionEvent> events = FraudModels.events("huge", 3);
    events.get(1).getFeatures().set(0, 1e300);
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      events.forEach(h::send);
      assertEquals(
          List.of("huge-0", "huge-2"),
          h.attributions.readValuesToList().stream().map(AttributionEvent::getId).toList());
      TestRecord<byte[], byte[]> dead = h.deadLetters.readRecord();
      assertEquals(
          "model-failure", TopologyHarness.header(dead.headers(), DeadLetters.REASON_HEADER));
      assertArrayEquals(bytes(events.get(1)), dead.value());
    }
  }

  private static Headers traced(String traceId) {
    return new RecordHeaders().add("trace-id", TopologyHarness.utf8(traceId));
  }

  private static byte[] bytes(PredictionEvent e) {
    return TopologyHarness.PREDICTIONS.serialize("predictions", e);
  }

  private static PredictionEvent copy(PredictionEvent e, String id) {
    PredictionEvent c = PredictionEvent.newBuilder(e).setId(id).build();
    c.setFeatures(new ArrayList<>(e.getFeatures()));
    return c;
  }

  /** A real model that fails any call containing one event id (fault injection, no mock). */
  private static final class PoisonedModel extends ForwardingModel {
    private final String poison;
    final List<Integer> batchSizes = new ArrayList<>();

    PoisonedModel(ServedModel real, String poison) {
      super(real);
      this.poison = poison;
    }

    @Override
    public List<ExplainedEvent> explain(List<InputEvent> events) {
      batchSizes.add(events.size());
      if (events.stream().anyMatch(e -> e.id().equals(poison))) {
        throw new ModelException("injected failure for " + poison);
      }
      return super.explain(events);
    }
  }
}
