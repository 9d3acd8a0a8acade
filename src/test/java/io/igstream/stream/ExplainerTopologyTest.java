package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.synth.FraudTransactions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The happy path: every event comes out explained, with its key, headers and attributes. */
class ExplainerTopologyTest {
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
  void shouldExplainEveryEventWithKeyHeadersAndAttributesPreserved() {
    int n = 6;
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(n, Duration.ofSeconds(1));
    List<PredictionEvent> events = FraudModels.events("happy", n);
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      for (int i = 0; i < n; i++) {
        PredictionEvent e = events.get(i);
        e.setScore(0.25);
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", TopologyHarness.utf8("00-trace-" + i + "-01"));
        h.send("key-" + i, e, headers);
      }
      List<TestRecord<byte[], AttributionEvent>> out = h.attributions.readRecordsToList();
      assertEquals(n, out.size());
      for (int i = 0; i < n; i++) {
        TestRecord<byte[], AttributionEvent> r = out.get(i);
        AttributionEvent a = r.value();
        assertEquals("key-" + i, new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("00-trace-" + i + "-01", TopologyHarness.header(r.headers(), "traceparent"));
        assertEquals(events.get(i).getId(), a.getId(), "output in input order");
        assertEquals("key-" + i, a.getKey());
        assertEquals("acct-" + a.getId(), a.getAttributes().get("account"));
        assertEquals(FraudModels.NAME, a.getModel());
        assertEquals("1", a.getModelVersion());
        assertEquals(FraudTransactions.featureNames(), a.getFeatureNames());
        assertEquals(30, a.getAttributions().size());
        assertTrue(Double.isFinite(a.getCompletenessError()));
        assertTrue(a.getToleranceMet(), "completeness error " + a.getCompletenessError());
        double sum = a.getAttributions().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(
            a.getCompletenessError(), sum - (a.getPrediction() - a.getBaselinePrediction()), 1e-9);
        assertTrue(a.getSteps() > 0);
        assertEquals("exact_piecewise", a.getMethod(), "the fraud model is a ReLU net");
        assertEquals("vector", a.getBaseline());
        assertEquals("output[0]", a.getTarget());
        assertEquals(0.25, a.getScore());
        assertEquals(0.25 - a.getPrediction(), a.getScoreDifference(), 1e-12);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), a.getEventTime());
        assertEquals(TopologyHarness.START, a.getExplainedAt(), "wall clock at flush");
        assertEquals(0.0, a.getExplainMillis());
        assertEquals(TopologyHarness.START.toEpochMilli(), r.timestamp(), "record time kept");
      }
      assertEquals(0, h.bufferSize());
      assertEquals(0, h.deadLetters.getQueueSize());
    }
  }

  @Test
  void shouldCountEveryRecordExactlyOnce() {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults()
            .withBatching(4, Duration.ofMillis(200))
            .withSelection(Selection.sample(0.5));
    try (TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      for (PredictionEvent e : FraudModels.events("count", 20)) {
        h.send(e);
      }
      h.sendRaw(TopologyHarness.utf8("bad"), new byte[] {1, 2, 3}, new RecordHeaders());
      h.advanceWallClock(Duration.ofSeconds(1));
      StreamMetrics m = h.metrics;
      long out = h.attributions.getQueueSize();
      long dlq = h.deadLetters.getQueueSize();
      assertEquals(21, m.eventsIn());
      assertEquals(out, m.eventsOut());
      assertEquals(dlq, m.deadLetteredTotal());
      assertEquals(1, dlq);
      assertTrue(m.skipped() > 0 && out > 0, "a 50 % sample of 20 skips some and keeps some");
      assertEquals(m.eventsIn(), m.eventsOut() + m.deadLetteredTotal() + m.skipped());
      assertEquals(m.selected(), m.eventsOut());
      assertEquals(0, m.buffered());
      assertEquals(out, m.stepsPerEvent().count());
      assertEquals(out, m.absCompletenessError().count());
      assertTrue(m.absCompletenessError().max() < 0.01, "max |error| " + m.absCompletenessError());
      assertTrue(m.eventsPerExplainCall().count() > 0);
      assertEquals(m.eventsPerExplainCall().count(), m.explainLatencyMillis().count());
      assertEquals(m.selected(), (long) m.eventsPerExplainCall().sum(), "each selected once");
    }
  }
}
