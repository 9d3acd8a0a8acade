package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ModelExplainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several models in one instance: routed by name and version, the rest dead-lettered. */
class ModelRoutingTest {
  private static ModelExplainer v1;
  private static ModelExplainer v2;
  @TempDir Path stateDir;

  @BeforeAll
  static void openModels() {
    v1 = FraudModels.open();
    v2 = FraudModels.openLogitVersion("2");
  }

  @AfterAll
  static void closeModels() {
    v1.close();
    v2.close();
  }

  @Test
  void shouldRouteByNameAndVersionAndDeadLetterUnknownOnes() {
    ModelCatalog catalog =
        ModelCatalog.builder().add(v1).add(v2).defaultVersion(FraudModels.NAME, "2").build();
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(1, Duration.ofSeconds(1));
    List<PredictionEvent> events = FraudModels.events("route", 5);
    events.get(0).setModelVersion("1");
    events.get(1).setModelVersion("2");
    events.get(2).setModelVersion(null);
    events.get(3).setModelVersion("3");
    events.get(4).setModel("churn");
    try (TopologyHarness h = new TopologyHarness(config, catalog, stateDir)) {
      events.forEach(h::send);
      List<AttributionEvent> out = h.attributions.readValuesToList();
      assertEquals(3, out.size());
      assertEquals("1", out.get(0).getModelVersion());
      assertEquals("output[0]", out.get(0).getTarget());
      assertEquals("2", out.get(1).getModelVersion());
      assertEquals("logit[0]", out.get(1).getTarget());
      assertEquals("2", out.get(2).getModelVersion(), "no version: the declared default");
      assertEquals("logit[0]", out.get(2).getTarget());
      List<TestRecord<byte[], byte[]>> dlq = h.deadLetters.readRecordsToList();
      assertEquals(2, dlq.size());
      for (TestRecord<byte[], byte[]> r : dlq) {
        assertEquals(
            "unknown-model", TopologyHarness.header(r.headers(), DeadLetters.REASON_HEADER));
      }
      assertTrue(
          TopologyHarness.header(dlq.get(0).headers(), DeadLetters.MESSAGE_HEADER)
              .contains("version '3'"));
    }
  }

  @Test
  void shouldServeTheOnlyVersionOfANameAsItsDefault() {
    ModelCatalog catalog = ModelCatalog.of(v1);
    assertEquals("1", catalog.find(FraudModels.NAME, null).orElseThrow().version().orElseThrow());
    assertTrue(catalog.find(FraudModels.NAME, "2").isEmpty());
    assertTrue(catalog.find("other", null).isEmpty());
  }

  @Test
  void shouldRefuseAnAmbiguousOrInconsistentCatalog() {
    IllegalArgumentException ambiguous =
        assertThrows(
            IllegalArgumentException.class, () -> ModelCatalog.builder().add(v1).add(v2).build());
    assertTrue(ambiguous.getMessage().contains("defaultVersion"), ambiguous.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ModelCatalog.builder().add(v1).add(v1).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelCatalog.builder().add(v1).defaultVersion(FraudModels.NAME, "9").build());
    assertThrows(IllegalArgumentException.class, () -> ModelCatalog.builder().build());
  }

  @Test
  void shouldReValidateBufferedEventsAgainstTheCatalogAtFlush() {
    // A buffer restored by an instance that no longer serves the model: dead-letter, don't crash.
    PredictionEvent event = FraudModels.events("restored", 1).get(0);
    event.setModelVersion("2");
    byte[] value = TopologyHarness.PREDICTIONS.serialize("predictions", event);
    BufferedRecord restored =
        new BufferedRecord(
            new SourcePosition("predictions", 3, 42), 0L, 0L, null, value, new RecordHeaders());
    BatchExplanation batch =
        new BatchExplanation(
            new PredictionValidator(TopologyHarness.PREDICTIONS, ModelCatalog.of(v1)),
            new StreamMetrics());
    List<BatchExplanation.Outcome> outcomes = batch.explain(List.of(restored), 0L);
    BatchExplanation.Rejected rejected = (BatchExplanation.Rejected) outcomes.get(0);
    assertEquals(DeadLetterReason.UNKNOWN_MODEL, rejected.reason());
  }
}
