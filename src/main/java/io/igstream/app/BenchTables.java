package io.igstream.app;

import io.igstream.model.OpProfile;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The human-readable tables of {@code bench} (Markdown, so they paste into BENCHMARKS.md). */
final class BenchTables {
  private BenchTables() {}

  static void engine(PrintWriter out, BenchEngine.Result r) {
    long macs = io.igstream.model.BenchGraphs.macs(BenchEngine.LAYERS);
    f(out, "%n## Bound and engine (30-64-64-1 ReLU MLP, random weights, float32, fed x)%n%n");
    f(
        out,
        "bound: TF matmul %d^3 float32, both operands fed: %.1f GFLOP/s%n",
        r.matmulN(),
        r.boundGflops());
    f(
        out,
        "FLOPs per IG event = 2 (fwd + bwd to the input) x 2 FLOP/MAC x %d MACs"
            + " (30*64 + 64*64 + 64*1) x %.0f points (%d Gauss-Legendre nodes + F(x) + F(x'))"
            + " = %.0f%n",
        macs,
        r.pointsPerEvent(),
        r.steps(),
        r.flopsPerEvent());
    f(
        out,
        "bound in events/s = %.1e FLOP/s / %.0f FLOP = %.0f events/s%n%n",
        r.boundGflops() * 1e9,
        r.flopsPerEvent(),
        r.boundEventsPerSecond());
    f(
        out,
        "| path | events per call | events/s (median) | %% of bound | Session.runs/event"
            + " | time in Session.run |%n|---|---|---|---|---|---|%n");
    row(out, r, r.perEvent());
    for (BenchEngine.Rate rate : r.batched()) {
      row(out, r, rate);
    }
    profile(out, r);
  }

  /** TensorFlow's own per-kernel times for one full batch: what bounds the engine. */
  private static void profile(PrintWriter out, BenchEngine.Result r) {
    OpProfile p = r.profile();
    double total = p.totalMicros();
    f(
        out,
        "%nWhere TensorFlow's time goes: %d traced runs of %d points (value + input gradient),"
            + " %.0f us wall per run, %.0f us in kernels per run%n%n| op | us per run | share |"
            + "%n|---|---|---|%n",
        p.runs(),
        p.pointsPerRun(),
        (double) p.wallMicros() / p.runs(),
        total / p.runs());
    p.micros().entrySet().stream()
        .filter(e -> e.getValue() >= 0.005 * total)
        .forEach(
            e ->
                f(
                    out,
                    "| %s | %.0f | %.1f %% |%n",
                    e.getKey(),
                    (double) e.getValue() / p.runs(),
                    100 * e.getValue() / total));
    double matMulShare = p.matMulMicros() / total;
    f(
        out,
        "%nmatrix products: %.1f %% of kernel time at %.1f GFLOP/s (%.0f %% of the bound);"
            + " with every other kernel free the batched engine would still reach at most %.0f %%"
            + " of the bound%n",
        100 * matMulShare,
        r.matMulGflops(),
        100 * r.matMulGflops() / r.boundGflops(),
        100 * r.matMulGflops() / r.boundGflops());
  }

  private static void row(PrintWriter out, BenchEngine.Result r, BenchEngine.Rate rate) {
    f(
        out,
        "| %s | %d | %.0f | %.1f %% | %.3f | %.0f %% |%n",
        rate.path(),
        rate.batch(),
        rate.eventsPerSecond(),
        100 * rate.eventsPerSecond() / r.boundEventsPerSecond(),
        rate.runsPerEvent(),
        100 * rate.tfShare());
  }

  static void accuracy(PrintWriter out, BenchAccuracy.Result r) {
    f(out, "%n## Demo fraud model: %d synthetic events, evaluations and error%n%n", r.events());
    f(
        out,
        "| method | evaluations/event mean (p50/p95/max) | events/s | |completeness error| p50 /"
            + " p95 / max | attribution L1 vs reference p50 / p95 / max |%n|---|---|---|---|---|%n");
    BenchAccuracy.Row[] rows = {r.gl50(), r.adaptive(), r.defaults(), r.reference()};
    for (BenchAccuracy.Row row : rows) {
      f(
          out,
          "| %s | %.1f (%.0f/%.0f/%.0f) | %.0f | %.1e / %.1e / %.1e | %.1e / %.1e / %.1e |%n",
          row.method(),
          row.evaluationsPerEvent(),
          row.evaluations().p50(),
          row.evaluations().p95(),
          row.evaluations().max(),
          row.eventsPerSecond(),
          row.completeness().p50(),
          row.completeness().p95(),
          row.completeness().max(),
          row.l1VsReference().p50(),
          row.l1VsReference().p95(),
          row.l1VsReference().max());
    }
    f(
        out,
        "adaptive_eval_ratio = %.1f / %.1f = %.3f%n",
        r.defaults().evaluationsPerEvent(),
        r.gl50().evaluationsPerEvent(),
        r.adaptiveEvalRatio());
  }

  static void endToEnd(PrintWriter out, BenchEndToEnd.Result r) {
    f(
        out,
        "%n## End to end (in-process KRaft broker, registry, explainer, producer, reader;"
            + " exactly_once_v2, Avro, demo model, default method)%n%n");
    f(out, "| measure | value |%n|---|---|%n");
    f(out, "| settings | %s |%n", r.settings());
    f(
        out,
        "| sustained (backlog of %d drained) | %.1f events/s |%n",
        r.backlog(),
        r.eventsPerSecond());
    f(
        out,
        "| backlog drained (UTC, to match a profile) | %s to %s |%n",
        r.backlogStart(),
        r.backlogEnd());
    f(
        out,
        "| process CPU per event while draining (all threads: broker, explainer, bench clients)"
            + " | %.1f us |%n",
        r.cpuMicrosPerEvent());
    f(
        out,
        "| offered load for latency | %.1f events/s (%d events) |%n",
        r.offeredRate(),
        r.latencyEvents());
    f(
        out,
        "| produce -> visible to read_committed reader p50 / p95 / p99 / max |"
            + " %.0f / %.0f / %.0f / %.0f ms |%n",
        r.visibleMillis().p50(),
        r.visibleMillis().p95(),
        r.visibleP99Millis(),
        r.visibleMillis().max());
    f(
        out,
        "| produce -> explained_at p50 / p95 / max | %.0f / %.0f / %.0f ms |%n",
        r.explainedMillis().p50(),
        r.explainedMillis().p95(),
        r.explainedMillis().max());
    f(out, "| events per model run (whole run) | %.1f |%n", r.eventsPerModelRun());
    f(
        out,
        "| RSS (VmRSS) at start / end of the latency phase | %.0f / %.0f MiB |%n%n",
        r.rssStartMb(),
        r.rssEndMb());
    double total = r.cpuMicrosPerEvent() * 1e3 * r.backlog();
    cpu(out, r.cpuNanosByComponent(), r.backlog(), total, "component (threads)");
    cpu(out, r.cpuNanosTopThreads(), r.backlog(), total, "Java thread (top 8)");
    f(
        out,
        "| topic (written while draining) | offsets per event (records + txn markers) |"
            + " log bytes per event |%n|---|---|---|%n");
    r.topicTrafficPerEvent().forEach((t, v) -> f(out, "| %s | %.2f | %.0f |%n", t, v[0], v[1]));
    f(out, "%n");
  }

  /** CPU while draining the backlog, per group: share of the process's and us per event. */
  private static void cpu(
      PrintWriter out, Map<String, Long> nanos, int events, double total, String what) {
    f(out, "| %s | CPU share | us per event |%n|---|---|---|%n", what);
    nanos.forEach(
        (name, n) ->
            f(
                out,
                "| %s | %.1f %% | %.1f |%n",
                name,
                total == 0 ? 0 : 100.0 * n / total,
                n / 1e3 / events));
    f(out, "%n");
  }

  private static void f(PrintWriter out, String format, Object... args) {
    out.printf(Locale.ROOT, format, args);
  }
}
