package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming explainer on a real in-process KRaft broker, exactly-once, with the Confluent serde
 * and the embedded registry: every prediction in gives exactly one attribution out.
 */
class StreamingExplainerIT {
  private static final int EVENTS = 10_000;

  @TempDir Path dir;

  @Test
  void shouldExplainTenThousandEventsExactlyOnceInBatches() throws Exception {
    try (ExplainerStack stack = new ExplainerStack(dir)) {
      stack.produce(0, EVENTS);
      List<AttributionEvent> out = stack.readAttributions(EVENTS, Duration.ofSeconds(180));
      assertEquals(EVENTS, out.size(), "read_committed sees every attribution once");
      Set<String> ids = new HashSet<>();
      for (AttributionEvent e : out) {
        assertTrue(ids.add(e.getId()), "duplicate " + e.getId());
        assertTrue(Double.isFinite(e.getCompletenessError()), e.getId());
        assertEquals(30, e.getAttributions().size());
      }
      for (int i = 0; i < EVENTS; i++) {
        assertTrue(ids.contains("e" + i), "missing e" + i);
      }
      double perCall = stack.runtime.metrics().eventsPerExplainCall().mean();
      assertTrue(perCall > 1, "events are batched across records: " + perCall + " per call");
      assertEquals(0, stack.runtime.metrics().deadLetteredTotal());
      var model = stack.runtime.models().get(0);
      double eventsPerRun = (double) model.eventsExplained() / model.modelRuns();
      assertTrue(eventsPerRun > 1, "events per Session.run: " + eventsPerRun);
      String metrics = stack.metricsText();
      assertTrue(metrics.contains("igstream_events_out_total " + EVENTS + "\n"), metrics);
      assertTrue(metrics.contains("igstream_model_events_total{model=\"fraud-demo\""), metrics);
      assertTrue(metrics.contains("# TYPE igstream_reason_coded_total counter"), metrics);
    }
  }
}
