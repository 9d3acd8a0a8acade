package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Histogram arithmetic, concurrent counting, and dead-letter headers that do not pile up. */
class StreamMetricsTest {

  @Test
  void shouldKeepCumulativeBucketsCountSumAndMax() {
    Distribution d = new Distribution(1, 10);
    d.observe(0.5);
    d.observe(3);
    d.observe(30);
    Distribution.Snapshot s = d.snapshot();
    assertEquals(3, s.count());
    assertEquals(33.5, s.sum(), 0.0);
    assertEquals(30, s.max(), 0.0);
    assertArrayEquals(new long[] {1, 2}, s.cumulativeCounts(), "+Inf bucket = count");
    assertThrows(IllegalArgumentException.class, () -> new Distribution(2, 1));
  }

  @Test
  void shouldCountFromSeveralThreadsWithoutLosingUpdates() throws InterruptedException {
    StreamMetrics m = new StreamMetrics();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 10_000; i++) {
              m.recordIn();
              m.recordOut(16, 1e-4, 2);
              m.recordDeadLetter(DeadLetterReason.NON_FINITE);
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    assertEquals(40_000, m.eventsIn());
    assertEquals(40_000, m.eventsOut());
    assertEquals(40_000, m.stepsPerEvent().count());
    assertEquals(40_000, m.deadLettered(DeadLetterReason.NON_FINITE));
    assertEquals(40_000, m.deadLetteredTotal());
  }

  @Test
  void shouldReplaceEarlierDeadLetterHeadersWhenARecordIsDeadLetteredAgain() {
    Headers original = new RecordHeaders().add("trace", new byte[] {7});
    Headers once =
        DeadLetters.headers(
            original, DeadLetterReason.NON_FINITE, "first", new SourcePosition("a", 1, 2));
    Headers twice =
        DeadLetters.headers(
            once, DeadLetterReason.UNKNOWN_MODEL, "second", new SourcePosition("b", 3, 4));
    assertEquals(6, twice.toArray().length, "trace + five igstream.dlq headers");
    assertEquals("unknown-model", text(twice, DeadLetters.REASON_HEADER));
    assertEquals("b", text(twice, DeadLetters.TOPIC_HEADER));
    assertEquals("4", text(twice, DeadLetters.OFFSET_HEADER));
    assertEquals(1, original.toArray().length, "the original headers are not modified");
  }

  private static String text(Headers h, String name) {
    return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
