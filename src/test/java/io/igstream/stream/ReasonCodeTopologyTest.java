package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AlertScoreSource;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCode;
import io.igstream.avro.ReasonCodeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reason codes through the real topology on attributions known by construction ({@link
 * KnownAttributionsModel}: attributions = features, F(x') = 0.1, threshold 0.5, k = 2).
 */
class ReasonCodeTopologyTest {
  @TempDir Path stateDir;

  private static final ExplainerStreamConfig CONFIG =
      ExplainerStreamConfig.defaults().withBatching(1, Duration.ofSeconds(1));

  private static PredictionEvent event(String id, Double score, double... features) {
    return PredictionEvent.newBuilder()
        .setId(id)
        .setModel(KnownAttributionsModel.NAME)
        .setModelVersion(null)
        .setEventTime(TopologyHarness.START)
        .setFeatures(java.util.Arrays.stream(features).boxed().toList())
        .setScore(score)
        .setBaseline(null)
        .setAttributes(Map.of("account", "acct-" + id))
        .build();
  }

  private TopologyHarness harness(boolean withTable) {
    return new TopologyHarness(
        CONFIG,
        ModelCatalog.builder().add(new KnownAttributionsModel(withTable)).build(),
        stateDir);
  }

  @Test
  void shouldRankGroupsOfAnAlertAndKeepKeyHeadersAndAuditFields() {
    try (TopologyHarness h = harness(true)) {
      RecordHeaders headers = new RecordHeaders();
      headers.add("traceparent", TopologyHarness.utf8("00-abc-01"));
      // R1 = 0.3 + 0.2 = 0.5, R2 = 0.4, R3 = -0.1 (away); ΔF = 0.8, F(x) = 0.9 >= 0.5.
      h.send("card-1", event("e1", null, 0.3, 0.2, 0.4, -0.1), headers);
      List<TestRecord<byte[], ReasonCodeEvent>> out = h.reasonCodes.readRecordsToList();
      assertEquals(1, out.size());
      TestRecord<byte[], ReasonCodeEvent> record = out.get(0);
      assertEquals("card-1", new String(record.key(), StandardCharsets.UTF_8));
      assertEquals("00-abc-01", TopologyHarness.header(record.headers(), "traceparent"));
      ReasonCodeEvent r = record.value();
      assertEquals(List.of("R1", "R2"), r.getReasons().stream().map(ReasonCode::getCode).toList());
      ReasonCode first = r.getReasons().get(0);
      assertEquals(1, first.getRank());
      assertEquals("Amount", first.getText());
      assertEquals(0.5, first.getContribution(), 1e-12);
      assertEquals(0.625, first.getShare(), 1e-12);
      assertEquals(0.5, r.getReasons().get(1).getShare(), 1e-12);
      assertEquals(1.125, r.getCoverage(), 1e-12);
      assertEquals(0.0, r.getUncodedContribution(), 0.0);
      assertNull(r.getNoReasonExplanation());
      assertEquals(0.9, r.getAlertScore(), 1e-12);
      assertEquals(AlertScoreSource.PREDICTION, r.getAlertScoreSource());
      assertEquals(0.5, r.getAlertThreshold());
      assertEquals(2, r.getReasonCount());
      assertEquals("e1", r.getId());
      assertEquals("card-1", r.getKey());
      assertEquals("3", r.getModelVersion());
      assertEquals(7, r.getSteps());
      assertEquals("known", r.getMethod());
      assertEquals("zero", r.getBaseline());
      assertTrue(r.getToleranceMet());
      assertEquals("acct-e1", r.getAttributes().get("account"));
      assertEquals(TopologyHarness.START, r.getEventTime());
      assertEquals(TopologyHarness.START, r.getExplainedAt());
      assertEquals(1, h.attributions.readValuesToList().size(), "the attribution still goes out");
      assertEquals(1, h.metrics.alerts());
      assertEquals(1, h.metrics.reasonCoded());
    }
  }

  @Test
  void shouldPublishNothingForAnEventBelowTheThreshold() {
    try (TopologyHarness h = harness(true)) {
      // F(x) = 0.1 + 0.3 = 0.4 < 0.5: an attribution, no reason codes.
      h.send(event("calm", null, 0.1, 0.1, 0.1, 0.0));
      assertEquals(1, h.attributions.readValuesToList().size());
      assertTrue(h.reasonCodes.isEmpty());
      assertEquals(0, h.metrics.alerts());
      assertEquals(0, h.metrics.reasonCoded());
    }
  }

  @Test
  void shouldJudgeTheAlertOnTheLiveScoreWhenTheEventCarriesOne() {
    try (TopologyHarness h = harness(true)) {
      // F(x) = 0.9 but the live score 0.2 is what production acted on: no alert.
      h.send(event("live-low", 0.2, 0.3, 0.2, 0.4, -0.1));
      // F(x) = 0.1 + 0.2 = 0.3 but the live score 0.7 alerted: R2 = 0.2 is the only reason.
      h.send(event("live-high", 0.7, 0.0, 0.0, 0.2, 0.0));
      List<ReasonCodeEvent> out = h.reasonCodes.readValuesToList();
      assertEquals(List.of("live-high"), out.stream().map(ReasonCodeEvent::getId).toList());
      assertEquals(AlertScoreSource.SCORE, out.get(0).getAlertScoreSource());
      assertEquals(0.7, out.get(0).getAlertScore());
      assertEquals(0.7, out.get(0).getScore());
      assertEquals(List.of("R2"), out.get(0).getReasons().stream().map(r -> r.getCode()).toList());
      assertEquals(1.0, out.get(0).getCoverage(), 1e-12);
    }
  }

  @Test
  void shouldPublishAnEmptyReasonListWithItsExplanationWhenNoGroupPushesTowardTheAlert() {
    try (TopologyHarness h = harness(true)) {
      // Live score 0.8 alerts, but every group lowers the score: ΔF = -0.6, no share either.
      h.send(event("odd", 0.8, -0.1, 0.0, -0.2, -0.3));
      ReasonCodeEvent r = h.reasonCodes.readValue();
      assertTrue(r.getReasons().isEmpty());
      assertTrue(r.getNoReasonExplanation().contains("toward the alert"));
      assertNull(r.getCoverage());
      assertEquals(1, h.metrics.reasonCodedWithoutReason());
    }
  }

  @Test
  void shouldCountTheAlertButPublishNoReasonsForAModelWithoutATable() {
    try (TopologyHarness h = harness(false)) {
      h.send(event("no-table", null, 0.3, 0.2, 0.4, -0.1));
      assertEquals(1, h.attributions.readValuesToList().size());
      assertTrue(h.reasonCodes.isEmpty());
      assertEquals(1, h.metrics.alerts());
      assertEquals(0, h.metrics.reasonCoded());
    }
  }
}
