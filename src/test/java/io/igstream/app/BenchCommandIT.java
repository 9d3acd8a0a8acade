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

/** {@code bin/igstream bench --quick}, in-process: the tables and a SUMMARY line that parses. */
class BenchCommandIT {
  private static final List<String> KEYS =
      List.of(
          "bound_gflops",
          "engine_events_per_s",
          "bound_fraction",
          "speedup_vs_per_event",
          "adaptive_eval_ratio",
          "e2e_events_per_s",
          "e2e_cpu_us_per_event",
          "e2e_p99_ms",
          "rss_mb");

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
  void shouldMeasureEverythingAndEndWithAParsableSummary() {
    CliRunner r = CliRunner.run("bench", "--quick");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("SUMMARY "), last);
    Map<String, Double> summary = new HashMap<>();
    for (String pair : last.substring("SUMMARY ".length()).split(" ")) {
      String[] kv = pair.split("=", 2);
      summary.put(kv[0], Double.parseDouble(kv[1]));
    }
    assertEquals(KEYS.size(), summary.size(), last);
    for (String key : KEYS) {
      assertTrue(summary.containsKey(key), key + " missing: " + last);
      double v = summary.get(key);
      assertTrue(Double.isFinite(v) && v > 0, key + " must be a positive number: " + last);
    }
    assertTrue(summary.get("rss_mb") < 64 * 1024, last);
    // GL50 spends exactly 52 evaluations per event; the default method 17 at least.
    assertTrue(summary.get("adaptive_eval_ratio") >= 17.0 / 52 - 1e-9, last);
    assertTrue(r.out().contains("| per-event | 1 |"), r.out());
    assertTrue(r.out().contains("| batched | 1024 |"), r.out());
    // Two callers share the session at the largest batch that gives each at least one call.
    assertTrue(r.out().contains("| batched, 2 callers | 256 |"), r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches("\\| \\w*MatMul\\w* \\| \\d+ \\| .*")),
        "TF's kernel profile lists the products: " + r.out());
    assertTrue(r.out().contains("matrix products: "), r.out());
    assertTrue(r.out().contains("FLOPs per IG event = "), "states its FLOP formula");
    assertTrue(r.out().contains("gausslegendre 50"), r.out());
    assertTrue(r.out().contains("| explainer stream threads"), "CPU by component: " + r.out());
  }

  @Test
  void shouldRunTheEndToEndSectionAloneWithTheSettingsGiven() {
    CliRunner r =
        CliRunner.run(
            "bench",
            "--quick",
            "--e2e-only",
            "--backlog",
            "400",
            "--latency-seconds",
            "2",
            "--e2e-method",
            "gausslegendre",
            "--e2e-steps",
            "4",
            "--e2e-set",
            "igstream.drift.enabled=false",
            "--e2e-set",
            "commit.interval.ms=50",
            "--e2e-set",
            "broker.num.io.threads=2");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    String out = r.out();
    assertTrue(
        out.contains(
            "| settings | method gausslegendre 4, igstream.drift.enabled=false,"
                + " commit.interval.ms=50, broker.num.io.threads=2 |"),
        out);
    assertTrue(!out.contains("GFLOP"), "no engine section: " + out);
    // Every drained event is one input record (the bench's producer is not transactional) ...
    assertTrue(out.contains("| predictions | 1.00 |"), out);
    // ... and with drift off nothing is repartitioned for it.
    assertTrue(!out.contains("drift-profiles-repartition"), out);
    String last = out.lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("SUMMARY e2e_events_per_s="), last);
    assertTrue(last.contains(" e2e_cpu_us_per_event="), last);
  }

  @Test
  void shouldRefuseASettingWithoutAValue() {
    CliRunner r = CliRunner.run("bench", "--e2e-only", "--e2e-set", "commit.interval.ms");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--e2e-set takes KEY=VALUE"), r.err());
  }
}
