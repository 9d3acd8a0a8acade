package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.avro.AttributionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two explainer instances share the partitions of one consumer group; one stops midway. Exactly
 * once holds across the rebalance: every event is explained once, by one instance or the other.
 */
class RebalanceIT {
  private static final int WAVE = 1500;

  @TempDir Path dir;

  @Test
  void shouldExplainEveryEventOnceAcrossARebalance() throws Exception {
    try (ExplainerStack stack = new ExplainerStack(dir, ExplainerAppConfig.DeviceRequest.CPU, 4)) {
      ExplainerRuntime second =
          stack.startInstance(dir.resolve("state-2"), ExplainerAppConfig.DeviceRequest.CPU);
      try {
        stack.produce(0, WAVE);
        awaitBothExplain(stack.runtime, second);
      } finally {
        second.close(); // midway: its partitions move to the first instance
      }
      stack.produce(WAVE, WAVE);
      List<AttributionEvent> out = stack.readAttributions(2 * WAVE, Duration.ofSeconds(180));
      Set<String> ids = new HashSet<>();
      for (AttributionEvent e : out) {
        assertTrue(ids.add(e.getId()), "explained twice: " + e.getId());
      }
      assertEquals(2 * WAVE, out.size(), "every event of both waves, once");
    }
  }

  private static void awaitBothExplain(ExplainerRuntime a, ExplainerRuntime b)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (a.metrics().eventsOut() == 0 || b.metrics().eventsOut() == 0) {
      assertTrue(
          System.nanoTime() < deadline,
          "both instances should explain part of the first wave: "
              + a.metrics().eventsOut()
              + " and "
              + b.metrics().eventsOut());
      Thread.sleep(100);
    }
  }
}
