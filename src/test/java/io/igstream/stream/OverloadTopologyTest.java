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
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload degradation through the real topology: lag is the driver's wall clock minus the record
 * timestamp, so a test sets each event's lag exactly by its timestamp. Batches of one, so each
 * event is explained in the state its own arrival left the guard in.
 */
class OverloadTopologyTest {
  private static ModelExplainer fraud;
  @TempDir Path stateDir;

  /** The driver's wall clock, advanced by {@link #advance}. */
  private Instant wall = TopologyHarness.START;

  @BeforeAll
  static void openModel() {
    fraud = FraudModels.open();
  }

  @AfterAll
  static void closeModel() {
    fraud.close();
  }

  private static ExplainerStreamConfig config(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return ExplainerStreamConfig.fromMap(m).withBatching(1, Duration.ofSeconds(1));
  }

  private static PredictionEvent known(String id) {
    return PredictionEvent.newBuilder()
        .setId(id)
        .setModel(KnownAttributionsModel.NAME)
        .setEventTime(TopologyHarness.START)
        .setFeatures(List.of(0.1, 0.2, 0.3, 0.4))
        .build();
  }

  private void advance(TopologyHarness h, long millis) {
    h.advanceWallClock(Duration.ofMillis(millis));
    wall = wall.plusMillis(millis);
  }

  /** Sends an event whose lag at arrival is {@code lagMillis} and returns its attribution. */
  private AttributionEvent sendWithLag(TopologyHarness h, PredictionEvent e, long lagMillis) {
    h.sendAt(e, wall.minusMillis(lagMillis));
    List<AttributionEvent> out = h.attributions.readValuesToList();
    assertEquals(1, out.size(), "batch of one: explained at once");
    return out.get(0);
  }

  @Test
  void shouldExplainWithTheCheapRuleWhileLaggingAndStillReportTheCompletenessError() {
    ExplainerStreamConfig c =
        config(
            ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG, "1000",
            ExplainerStreamConfig.OVERLOAD_STEPS_CONFIG, "6");
    List<PredictionEvent> events = FraudModels.events("lag", 2);
    try (TopologyHarness h = new TopologyHarness(c, ModelCatalog.of(fraud), stateDir)) {
      advance(h, 10_000);
      AttributionEvent fresh = sendWithLag(h, events.get(0), 200);
      assertNull(fresh.getDegraded());
      assertEquals("exact_piecewise", fresh.getMethod(), "the default method on a ReLU model");

      AttributionEvent late = sendWithLag(h, events.get(1), 3000);
      assertNotNull(late.getDegraded(), "a degraded event says so");
      assertTrue(late.getDegraded().startsWith("overload-steps: lag 3000 ms"), late.getDegraded());
      assertEquals("gausslegendre", late.getMethod());
      assertEquals(8, late.getSteps(), "6 nodes + F(x) + F(x')");
      double sum = late.getAttributions().stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(
          sum - (late.getPrediction() - late.getBaselinePrediction()),
          late.getCompletenessError(),
          1e-9,
          "the completeness error of the cheap rule is computed, not assumed");
      assertEquals(1, h.metrics.overloadedTasks());
      assertEquals(1, h.metrics.overloadEntered());
      assertEquals(1, h.metrics.degraded());
      assertEquals(2, h.metrics.lagMillis().count());
    }
  }

  @Test
  void shouldStayDegradedBetweenTheThresholdsAndRecoverAfterTheDwellTime() {
    ExplainerStreamConfig c =
        config(
            ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG, "1000",
            ExplainerStreamConfig.OVERLOAD_RECOVER_RATIO_CONFIG, "0.5",
            ExplainerStreamConfig.OVERLOAD_MIN_DEGRADED_MS_CONFIG, "2000");
    ModelCatalog catalog = ModelCatalog.builder().add(new KnownAttributionsModel(false)).build();
    try (TopologyHarness h = new TopologyHarness(c, catalog, stateDir)) {
      advance(h, 60_000);
      assertNull(sendWithLag(h, known("a"), 900).getDegraded(), "within the bound");
      assertNotNull(sendWithLag(h, known("b"), 1500).getDegraded(), "over the bound: degrade");
      assertNotNull(sendWithLag(h, known("c"), 800).getDegraded(), "below the bound, above 500");
      advance(h, 1000);
      assertNotNull(sendWithLag(h, known("d"), 100).getDegraded(), "1 s degraded: dwell not over");
      advance(h, 1000);
      AttributionEvent recovered = sendWithLag(h, known("e"), 100);
      assertNull(recovered.getDegraded(), "2 s degraded and lag <= 500 ms: recovered");
      assertEquals("known", recovered.getMethod());
      assertNull(sendWithLag(h, known("f"), 900).getDegraded(), "no flap back below the bound");
      assertEquals(3, h.metrics.degraded());
      assertEquals(1, h.metrics.overloadEntered());
      assertEquals(0, h.metrics.overloadedTasks());
    }
  }

  @Test
  void shouldExplainAStableShareWhenSamplingAndCountTheRestAsSkipped() {
    ExplainerStreamConfig c =
        config(
            ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG, "1000",
            ExplainerStreamConfig.OVERLOAD_POLICY_CONFIG, "sample",
            ExplainerStreamConfig.OVERLOAD_SAMPLE_RATE_CONFIG, "0.3");
    ModelCatalog catalog = ModelCatalog.builder().add(new KnownAttributionsModel(false)).build();
    Set<String> firstRun = explainedIds(c, catalog, stateDir.resolve("a"));
    Set<String> secondRun = explainedIds(c, catalog, stateDir.resolve("b"));
    assertTrue(
        firstRun.size() > 30 && firstRun.size() < 90,
        "about 30 % of 200 explained: " + firstRun.size());
    assertEquals(firstRun, secondRun, "a replay samples the same events");
  }

  private Set<String> explainedIds(ExplainerStreamConfig c, ModelCatalog catalog, Path dir) {
    try (TopologyHarness h = new TopologyHarness(c, catalog, dir)) {
      h.advanceWallClock(Duration.ofMinutes(1));
      Instant late = TopologyHarness.START;
      for (int i = 0; i < 200; i++) {
        h.sendAt(known("s" + i), late);
      }
      List<AttributionEvent> out = h.attributions.readValuesToList();
      Set<String> ids = new HashSet<>();
      for (AttributionEvent a : out) {
        assertTrue(a.getDegraded().startsWith("overload-sample: "), a.getDegraded());
        assertEquals("known", a.getMethod(), "sampled events are explained as usual");
        ids.add(a.getId());
      }
      assertEquals(200 - out.size(), h.metrics.skippedForOverload());
      assertEquals(h.metrics.skippedForOverload(), h.metrics.skipped());
      assertEquals(200, h.metrics.eventsOut() + h.metrics.skipped(), "every event accounted for");
      assertEquals(0, h.bufferSize(), "skipped events leave the buffer too");
      assertTrue(h.deadLetters.isEmpty(), "skipping for overload is not a dead letter");
      return ids;
    }
  }

  @Test
  void shouldNeverDegradeByDefault() {
    ModelCatalog catalog = ModelCatalog.builder().add(new KnownAttributionsModel(false)).build();
    try (TopologyHarness h = new TopologyHarness(config(), catalog, stateDir)) {
      advance(h, 3_600_000);
      assertNull(sendWithLag(h, known("old"), 3_600_000).getDegraded());
      assertEquals(0, h.metrics.overloadEntered());
      assertEquals(3_600_000, h.metrics.lagMillis().max(), 0.0);
    }
  }
}
