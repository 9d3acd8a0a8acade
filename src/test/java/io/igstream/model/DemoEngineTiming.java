package io.igstream.model;

import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudTransactions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The explain engine alone on a SavedModel (the demo model), as the stream calls it: batches of
 * {@code -Dbatch=64} synthetic events explained with the spec's method (or, with {@code -Dsteps=N},
 * the overload fallback: Gauss&ndash;Legendre with N nodes) for N seconds after a warm-up. Prints
 * events/s, process CPU microseconds per event (steadier than wall time on a shared machine),
 * evaluations per event and Session.runs per batch. A profiling harness for BENCHMARKS.md, not a
 * test:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.igstream.model.DemoEngineTiming \
 *     work/models/fraud-demo 20
 * </pre>
 */
final class DemoEngineTiming {
  private DemoEngineTiming() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int batchSize = Integer.getInteger("batch", 64);
    Integer fixedSteps = Integer.getInteger("steps");
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (ModelExplainer m =
        ModelExplainer.open(dir, ModelSpecReader.forModel(dir, Optional.empty()), Device.CPU)) {
      FraudTransactions transactions = new FraudTransactions(99);
      List<List<InputEvent>> batches = new ArrayList<>();
      for (int b = 0; b < Math.max(1, 2560 / batchSize); b++) {
        List<InputEvent> batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
          batch.add(InputEvent.of("e" + b + "-" + i, transactions.next().features()));
        }
        batches.add(batch);
      }
      java.util.function.Function<List<InputEvent>, List<ExplainedEvent>> explain =
          fixedSteps == null ? m::explain : batch -> m.explainWithFixedSteps(batch, fixedSteps);
      for (int r = 0; r < 3; r++) {
        batches.forEach(explain::apply);
      }
      long events = 0;
      long steps = 0;
      long runs = m.modelRuns();
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        for (List<InputEvent> batch : batches) {
          for (ExplainedEvent e : explain.apply(batch)) {
            steps += e.steps();
          }
          events += batch.size();
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "events/s %.0f  cpu_us/event %.1f  evaluations/event %.1f  runs/batch %.2f  (%.1f s)%n",
          events / wall,
          (os.getProcessCpuTime() - cpu) / 1e3 / events,
          (double) steps / events,
          (m.modelRuns() - runs) / (events / (double) batchSize),
          wall);
    }
  }
}
