package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, in-process: {@code bin/igstream demo --events N}. */
class DemoCommandIT {
  @TempDir Path home;

  @BeforeEach
  void useATemporaryHome() {
    System.setProperty("igstream.home", home.toString());
  }

  @AfterEach
  void restoreHome() {
    System.clearProperty("igstream.home");
  }

  @Test
  void shouldAccountForEveryRecordAndEndWithTheSummaryLine() {
    CliRunner r = CliRunner.run("demo", "--events", "600", "--http-port", "0");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("SUMMARY "), last);
    Map<String, String> summary = new HashMap<>();
    for (String pair : last.substring("SUMMARY ".length()).split(" ")) {
      String[] kv = pair.split("=", 2);
      summary.put(kv[0], kv[1]);
    }
    long in = Long.parseLong(summary.get("in"));
    long out = Long.parseLong(summary.get("out"));
    long dlq = Long.parseLong(summary.get("dlq"));
    assertEquals(600, out);
    assertEquals(in, out + dlq, "every produced record is accounted for");
    assertTrue(dlq >= 4, "the demo trickles each bad-input kind: " + dlq);
    assertTrue(Double.parseDouble(summary.get("completeness_p95")) < 0.005, last);
    assertTrue(Double.parseDouble(summary.get("events_per_s")) > 0, last);
    long alerts = Long.parseLong(summary.get("alerts"));
    assertTrue(alerts > 0, "fraud bursts raise alerts: " + last);
    assertEquals(alerts, Long.parseLong(summary.get("reason_coded")), "every alert gets reasons");
    // 600 events on the simulated clock: window 1 (events 0-499) becomes the reference, window 2
    // (500-599) is the card-testing wave and is judged from its 100 events.
    assertEquals(2, Long.parseLong(summary.get("drift_windows")), last);
    assertEquals(1, Long.parseLong(summary.get("drift_alerts")), "the wave alerts: " + r.out());
    assertTrue(r.out().contains("DRIFT ALERT: card_testing_pattern"), r.out());
    assertTrue(r.out().contains("Kafka:"), "prints the bootstrap address for other clients");
    assertTrue(r.out().contains("Schema Registry: http://"), r.out());
    assertTrue(r.out().contains("Dashboard:       http://127.0.0.1:"), "prints the dashboard URL");
  }
}
