package io.igstream.app;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import io.igstream.avro.PredictionEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Produces the demo stream, watches the output, and prints the live view and the summary. */
final class DemoLoop {
  private final PrintWriter out;
  private final String bootstrap;
  private final Serializer<PredictionEvent> serializer;
  private final Deserializer<AttributionEvent> deserializer;
  private final Deserializer<DriftEvent> driftDeserializer;
  private final int rate;

  DemoLoop(
      PrintWriter out,
      String bootstrap,
      Serializer<PredictionEvent> serializer,
      Deserializer<AttributionEvent> deserializer,
      Deserializer<DriftEvent> driftDeserializer,
      int rate) {
    this.out = out;
    this.bootstrap = bootstrap;
    this.serializer = serializer;
    this.deserializer = deserializer;
    this.driftDeserializer = driftDeserializer;
    this.rate = rate;
  }

  /**
   * With {@code events}: sends them, waits until every record is accounted for, prints the summary
   * and returns 0 (1 on timeout). Without: runs at {@code rate} until the JVM is asked to stop.
   */
  int run(ExplainerRuntime runtime, Integer events, Duration timeout) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                main.join(15_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    try (DemoTraffic traffic =
            new DemoTraffic(bootstrap, DemoCommand.INPUT, "fraud-demo", serializer, rate, events);
        DemoMonitor monitor =
            new DemoMonitor(
                bootstrap,
                DemoCommand.OUTPUT,
                DemoCommand.DLQ,
                DemoCommand.DRIFT,
                deserializer,
                driftDeserializer,
                0.5)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      long nextView = 0;
      if (events != null) {
        traffic.send(events);
      }
      while (!stop.get() && System.nanoTime() < deadline) {
        if (events == null) {
          traffic.send(Math.max(1, rate / 10));
        }
        monitor.poll(Duration.ofMillis(100));
        if (System.nanoTime() > nextView) {
          view(runtime, traffic, monitor);
          nextView = System.nanoTime() + 1_000_000_000L;
        }
        if (events != null
            && monitor.out() >= events
            && monitor.out() + monitor.deadLettered() >= traffic.produced()) {
          break;
        }
      }
      if (events != null) {
        awaitLastDriftWindow(traffic, monitor, stop, deadline);
      }
      view(runtime, traffic, monitor);
      return summary(
          traffic,
          monitor,
          events,
          eventsPerModelRun(runtime),
          runtime.metrics().reasonCoded(),
          runtime.metrics().driftLateEvents());
    } finally {
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  /**
   * The window holding the last event closes shortly after traffic stops (the drift punctuator's
   * idle rule: about one window plus grace); wait for it, at most 15 s, so the summary counts it.
   */
  private static void awaitLastDriftWindow(
      DemoTraffic traffic, DemoMonitor monitor, AtomicBoolean stop, long deadline) {
    long until = Math.min(deadline, System.nanoTime() + 15_000_000_000L);
    while (!stop.get()
        && System.nanoTime() < until
        && monitor.lastDriftWindowEnd() <= traffic.lastTimestamp()) {
      monitor.poll(Duration.ofMillis(100));
    }
  }

  private void view(ExplainerRuntime runtime, DemoTraffic traffic, DemoMonitor m) {
    out.printf(
        Locale.ROOT,
        "in %d | out %d | dead-lettered %d %s | buffered %d | %.0f events/s | |completeness"
            + " error| p50 %.1e p95 %.1e | drift windows %d (%d alerts) | latest alert: %s%n",
        traffic.produced(),
        m.out(),
        m.deadLettered(),
        m.deadLettersByReason(),
        runtime.metrics().buffered(),
        m.eventsPerSecond(),
        m.completenessQuantile(0.5),
        m.completenessQuantile(0.95),
        m.driftWindows().size(),
        m.driftAlerts(),
        m.latestAlert());
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  /** One line per drift window; alerted ones with the features that moved and why. */
  private void driftSummary(List<DriftEvent> windows, long late) {
    long judged = windows.stream().filter(DriftEvent::getJudged).count();
    out.printf(
        Locale.ROOT,
        "  attribution drift: %d windows closed, %d judged, %d alerted, %d late events left out"
            + " (the card-testing wave starts mid-run)%n",
        windows.size(),
        judged,
        windows.stream().filter(DriftEvent::getAlert).count(),
        late);
    int shown = Math.min(windows.size(), 12);
    if (shown < windows.size()) {
      out.printf("    (%d earlier windows not shown)%n", windows.size() - shown);
    }
    for (DriftEvent e : windows.subList(windows.size() - shown, windows.size())) {
      out.printf(
          Locale.ROOT,
          "    %s..%s %4d events  %s%n",
          TIME.format(e.getWindowStart()),
          TIME.format(e.getWindowEnd()),
          e.getEvents(),
          driftLine(e));
    }
  }

  private static String driftLine(DriftEvent e) {
    if (!e.getJudged()) {
      return "not judged (reference " + e.getReference() + ")";
    }
    String head =
        String.format(
            Locale.ROOT,
            "JSD %.4f nDCG@%d %.3f",
            e.getJensenShannon(),
            e.getTopK(),
            e.getNdcgTopK());
    if (!e.getAlert()) {
      return head + "  stable";
    }
    StringBuilder moved = new StringBuilder();
    for (String f : e.getMovedFeatures().subList(0, Math.min(3, e.getMovedFeatures().size()))) {
      int i = e.getFeatureNames().indexOf(f);
      moved.append(moved.length() == 0 ? "" : ", ");
      moved.append(String.format(Locale.ROOT, "%s %+.3f", f, e.getShareChange().get(i)));
    }
    return head + "  DRIFT ALERT: " + moved;
  }

  /** Events explained per Session.run of the gradient graph, over every served model. */
  private static double eventsPerModelRun(ExplainerRuntime runtime) {
    long events = runtime.models().stream().mapToLong(m -> m.eventsExplained()).sum();
    long runs = runtime.models().stream().mapToLong(m -> m.modelRuns()).sum();
    return runs == 0 ? 0 : (double) events / runs;
  }

  private int summary(
      DemoTraffic traffic,
      DemoMonitor m,
      Integer events,
      double perRun,
      long reasonCoded,
      long lateForDrift) {
    long in = traffic.produced();
    boolean complete = in == m.out() + m.deadLettered() && (events == null || m.out() >= events);
    out.printf(
        Locale.ROOT,
        "%nsummary: %d records in, %d attribution events out, %d dead-lettered %s, %d alerts%n"
            + "  |completeness error| p50 %.2e p95 %.2e max %.2e%n"
            + "  latency (event time -> explained) p50 %.0f ms p99 %.0f ms; %.0f events/s%n"
            + "  %s%n",
        in,
        m.out(),
        m.deadLettered(),
        m.deadLettersByReason(),
        m.alerts(),
        m.completenessQuantile(0.5),
        m.completenessQuantile(0.95),
        m.completenessQuantile(1.0),
        m.latencyQuantile(0.5),
        m.latencyQuantile(0.99),
        m.eventsPerSecond(),
        complete
            ? "every record accounted for (in = out + dead-lettered)"
            : "INCOMPLETE: timed out");
    driftSummary(m.driftWindows(), lateForDrift);
    out.printf(
        Locale.ROOT,
        "SUMMARY in=%d out=%d dlq=%d completeness_p95=%.3e events_per_s=%.1f latency_p50_ms=%.0f"
            + " latency_p99_ms=%.0f alerts=%d reason_coded=%d events_per_model_run=%.2f"
            + " drift_windows=%d drift_alerts=%d%n",
        in,
        m.out(),
        m.deadLettered(),
        m.completenessQuantile(0.95),
        m.eventsPerSecond(),
        m.latencyQuantile(0.5),
        m.latencyQuantile(0.99),
        m.alerts(),
        reasonCoded,
        perRun,
        m.driftWindows().size(),
        m.driftAlerts());
    out.flush();
    return complete || events == null ? 0 : 1;
  }
}
