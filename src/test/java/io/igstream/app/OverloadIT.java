package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.stream.StreamMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload on a real broker: a backlog older than the lag bound is explained degraded (cheap rule,
 * completeness error still reported, each event saying so), nothing is lost, and once the backlog
 * is drained fresh events are explained normally again.
 */
class OverloadIT {
  private static final int BACKLOG = 3000;
  private static final long MAX_LAG_MS = 1500;

  @TempDir Path dir;

  @Test
  void shouldDegradeABacklogBeyondTheBoundAndRecoverOnceCaughtUp() throws Exception {
    ExplainerStreamConfig stream =
        ExplainerStreamConfig.fromMap(
            Map.of(
                ExplainerStreamConfig.OVERLOAD_MAX_LAG_MS_CONFIG, String.valueOf(MAX_LAG_MS),
                ExplainerStreamConfig.OVERLOAD_POLICY_CONFIG, "steps",
                ExplainerStreamConfig.OVERLOAD_STEPS_CONFIG, "8",
                ExplainerStreamConfig.OVERLOAD_MIN_DEGRADED_MS_CONFIG, "1000"));
    try (ExplainerStack stack = ExplainerStack.withoutExplainer(dir)) {
      stack.produce(0, BACKLOG);
      // The backlog waits longer than the bound before any explainer reads it.
      Thread.sleep(MAX_LAG_MS + 500);
      stack.startExplainer(stream);

      List<AttributionEvent> backlog = stack.readAttributions(BACKLOG, Duration.ofSeconds(180));
      assertEquals(BACKLOG, backlog.size(), "degrading loses no event");
      for (AttributionEvent e : backlog) {
        String why = e.getDegraded();
        assertTrue(why != null && why.startsWith("overload-steps: lag "), e.getId() + ": " + why);
        assertEquals("gausslegendre", e.getMethod(), e.getId());
        assertEquals(10, e.getSteps(), "8 nodes + both endpoints");
        double sum = e.getAttributions().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(
            sum - (e.getPrediction() - e.getBaselinePrediction()),
            e.getCompletenessError(),
            1e-9,
            "completeness error still reported for " + e.getId());
      }
      StreamMetrics m = stack.runtime.metrics();
      assertTrue(m.overloadEntered() >= 1, "entered overload: " + m.overloadEntered());
      assertEquals(BACKLOG, m.degraded());

      // Caught up: a trickle of fresh events, well within the bound, after the dwell time.
      int fresh = 0;
      for (int round = 0; round < 6; round++) {
        stack.produce(BACKLOG + fresh, 60);
        fresh += 60;
        Thread.sleep(300);
      }
      List<AttributionEvent> all = stack.readAttributions(BACKLOG + fresh, Duration.ofSeconds(120));
      assertEquals(BACKLOG + fresh, all.size());
      Map<String, AttributionEvent> byId = new HashMap<>();
      all.forEach(e -> byId.put(e.getId(), e));
      assertEquals(BACKLOG + fresh, byId.size(), "no duplicates");
      int lastRound = BACKLOG + fresh - 60;
      for (int i = lastRound; i < BACKLOG + fresh; i++) {
        AttributionEvent e = byId.get("e" + i);
        assertNull(e.getDegraded(), "recovered: e" + i + " is explained as the spec says");
        assertEquals("exact_piecewise", e.getMethod());
      }
      assertEquals(0, m.overloadedTasks(), "every task recovered");
      String metrics = stack.metricsText();
      assertTrue(metrics.contains("igstream_overloaded_tasks 0\n"), metrics);
      assertTrue(metrics.contains("igstream_events_degraded_total " + m.degraded() + "\n"));
      assertTrue(metrics.contains("igstream_event_lag_ms_count " + (BACKLOG + fresh)), metrics);
    }
  }
}
