package io.igstream.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code igstream bench}: the hardware bound, the engine, the demo model's accuracy, end to end.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures, in one run: TensorFlow's matmul GFLOP/s (the bound), IG engine throughput on a",
      "random 30-64-64-1 ReLU MLP (one explain call per event vs batches), the demo model's",
      "evaluations, events/s and error for fixed 50-step Gauss-Legendre, adaptive and the",
      "default (exact) method, and the",
      "streaming explainer end to end through an in-process broker (EOS, Avro): drain rate of",
      "a backlog, latency at half that rate, RSS. Prints tables, then one SUMMARY line."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(names = "--quick", description = "CI-sized run (well under a minute on 2 cores).")
  boolean quick;

  @Option(names = "--steps", defaultValue = "32", description = "Gauss-Legendre steps (32).")
  int steps;

  @Option(
      names = "--batch-sizes",
      split = ",",
      defaultValue = "16,64,256,1024",
      description = "Events per explain call on the batched path (16,64,256,1024).")
  int[] batchSizes;

  @Option(names = "--repetitions", description = "Timed repetitions, median (5; quick 3).")
  Integer repetitions;

  @Option(names = "--events", description = "Demo-model events for accuracy (1000; quick 200).")
  Integer events;

  @Option(names = "--backlog", description = "End-to-end backlog size (20000; quick 1500).")
  Integer backlog;

  @Option(
      names = "--warmup",
      description =
          "End-to-end warm-up events before the backlog (20000: the JIT is still compiling"
              + " after a few thousand, which understated the sustained rate; quick 200).")
  Integer warmup;

  @Option(
      names = "--latency-seconds",
      description = "Length of the half-rate latency phase (60; quick 5).")
  Integer latencySeconds;

  @Option(
      names = "--e2e-only",
      description = "Run only the end-to-end section (for comparing its settings back to back).")
  boolean e2eOnly;

  @Option(
      names = "--e2e-method",
      description =
          "Method the end-to-end section's model uses (e.g. gausslegendre with --e2e-steps 4,"
              + " to measure everything but the IG math); default: the model's own.")
  String e2eMethod;

  @Option(names = "--e2e-steps", description = "Steps for a fixed-rule --e2e-method.")
  int e2eSteps;

  @Option(
      names = "--e2e-set",
      paramLabel = "KEY=VALUE",
      description = {
        "A setting of the end-to-end section (repeatable): igstream.* keys go to the topology,",
        "broker.* to the embedded broker, bench.producer.* / bench.reader.* to the bench's own",
        "clients, anything else to the explainer's Kafka Streams and clients",
        "(e.g. commit.interval.ms=50, num.stream.threads=1, producer.linger.ms=5)."
      })
  List<String> e2eSet = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    BenchE2eSettings e2eSettings =
        BenchE2eSettings.parse(Optional.ofNullable(e2eMethod), e2eSteps, e2eSet);
    int reps = pick(repetitions, 5, 3);
    int pool = quick ? 1024 : 8192;
    if (steps < 1 || reps < 1 || batchSizes.length == 0) {
      throw new CliException("--steps, --repetitions and --batch-sizes must be positive");
    }
    for (int b : batchSizes) {
      if (b < 1 || b > pool) {
        throw new CliException("batch sizes must be in 1.." + pool + ", got " + b);
      }
    }
    PrintWriter out = command.commandLine().getOut();
    out.printf("igstream bench%s: %s%n", quick ? " --quick" : "", machine());
    out.flush();
    if (e2eOnly) {
      BenchEndToEnd.Result e2e = endToEnd(e2eSettings, DemoModel.ensure(), out);
      out.printf(
          Locale.ROOT,
          "SUMMARY e2e_events_per_s=%.1f e2e_cpu_us_per_event=%.1f e2e_p99_ms=%.1f rss_mb=%.1f%n",
          e2e.eventsPerSecond(),
          e2e.cpuMicrosPerEvent(),
          e2e.visibleP99Millis(),
          e2e.rssEndMb());
      out.flush();
      return 0;
    }

    long t0 = System.nanoTime();
    BenchEngine.Result engine = new BenchEngine(quick, steps, batchSizes, reps).run();
    BenchTables.engine(out, engine);
    took(out, t0);

    Path model = DemoModel.ensure();
    long t1 = System.nanoTime();
    BenchAccuracy.Result accuracy = BenchAccuracy.run(model, pick(events, 1000, 200));
    BenchTables.accuracy(out, accuracy);
    took(out, t1);

    BenchEndToEnd.Result e2e = endToEnd(e2eSettings, model, out);

    BenchEngine.Rate best = engine.best();
    out.printf(
        Locale.ROOT,
        "SUMMARY bound_gflops=%.1f engine_events_per_s=%.0f bound_fraction=%.4f"
            + " speedup_vs_per_event=%.2f adaptive_eval_ratio=%.3f e2e_events_per_s=%.1f"
            + " e2e_cpu_us_per_event=%.1f e2e_p99_ms=%.1f rss_mb=%.1f%n",
        engine.boundGflops(),
        best.eventsPerSecond(),
        best.eventsPerSecond() / engine.boundEventsPerSecond(),
        best.eventsPerSecond() / engine.perEvent().eventsPerSecond(),
        accuracy.adaptiveEvalRatio(),
        e2e.eventsPerSecond(),
        e2e.cpuMicrosPerEvent(),
        e2e.visibleP99Millis(),
        e2e.rssEndMb());
    out.flush();
    return 0;
  }

  private BenchEndToEnd.Result endToEnd(BenchE2eSettings settings, Path model, PrintWriter out)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    BenchEndToEnd.Result e2e =
        new BenchEndToEnd(
                pick(warmup, 20_000, 200),
                pick(backlog, 20_000, 1500),
                Duration.ofSeconds(pick(latencySeconds, 60, 5)),
                settings)
            .run(model);
    BenchTables.endToEnd(out, e2e);
    took(out, t);
    return e2e;
  }

  private static void took(PrintWriter out, long startNanos) {
    out.printf(Locale.ROOT, "(section took %.1f s)%n", (System.nanoTime() - startNanos) / 1e9);
    out.flush();
  }

  private int pick(Integer given, int full, int quickValue) {
    return given != null ? given : quick ? quickValue : full;
  }

  /**
   * CPU model (as {@code lscpu} names it), cores this JVM sees, the 1-minute load average, and the
   * TensorFlow threads each explain run uses.
   */
  static String machine() {
    String model = "unknown CPU";
    try {
      List<String> cpu = Files.readAllLines(Path.of("/proc/cpuinfo"));
      model =
          cpu.stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(model);
    } catch (IOException e) {
      // not Linux: keep "unknown"
    }
    String load = "?";
    try {
      load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      // not Linux
    }
    String tfThreads = System.getenv("TF_NUM_INTRAOP_THREADS");
    return String.format(
        Locale.ROOT,
        "%s, %d cores, load average %s, Java %s, TF intra-op threads per run: %s",
        model,
        Runtime.getRuntime().availableProcessors(),
        load,
        System.getProperty("java.version"),
        tfThreads == null || tfThreads.isBlank() || tfThreads.equals("0")
            ? "TensorFlow's default (one per core)"
            : tfThreads + " (TF_NUM_INTRAOP_THREADS)");
  }

  /** This process's resident set size in MiB ({@code VmRSS}), or 0 where /proc is missing. */
  static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
