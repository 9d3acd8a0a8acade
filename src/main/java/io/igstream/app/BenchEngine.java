package io.igstream.app;

import io.igstream.explain.IgOptions;
import io.igstream.explain.IntegratedGradients;
import io.igstream.explain.PathRequest;
import io.igstream.explain.QuadratureRule;
import io.igstream.model.BenchGraphs;
import io.igstream.model.MlpGradient;
import io.igstream.model.OpProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The engine half of {@code bench}: the matmul bound, and IG throughput on a random 30-64-64-1 ReLU
 * MLP at fixed Gauss&ndash;Legendre steps, one {@code explain} call per event versus batches.
 */
final class BenchEngine {
  static final int[] LAYERS = {30, 64, 64, 1};

  /** Throughput of one path: events/s (median), and where the time went. */
  record Rate(
      String path, int batch, double eventsPerSecond, double tfShare, double runsPerEvent) {}

  record Result(
      int matmulN,
      double boundGflops,
      int steps,
      double pointsPerEvent,
      double flopsPerEvent,
      Rate perEvent,
      List<Rate> batched,
      OpProfile profile) {

    double boundEventsPerSecond() {
      return boundGflops * 1e9 / flopsPerEvent;
    }

    /** FLOPs of one traced run: forward and input gradient at every point. */
    double profiledFlopsPerRun() {
      return flopsPerEvent / pointsPerEvent * profile.pointsPerRun();
    }

    /** GFLOP/s of the matrix products alone, in the traced runs. */
    double matMulGflops() {
      return profiledFlopsPerRun() * profile.runs() / (profile.matMulMicros() / 1e6) / 1e9;
    }

    Rate best() {
      return batched.stream()
          .max((a, b) -> Double.compare(a.eventsPerSecond(), b.eventsPerSecond()))
          .orElseThrow();
    }
  }

  private final boolean quick;
  private final int steps;
  private final int[] batchSizes;
  private final int repetitions;

  BenchEngine(boolean quick, int steps, int[] batchSizes, int repetitions) {
    this.quick = quick;
    this.steps = steps;
    this.batchSizes = batchSizes.clone();
    this.repetitions = repetitions;
  }

  Result run() {
    int n = 1024;
    double gflops = BenchGraphs.matmulGflops(n, 3, quick ? 5 : 21);
    IntegratedGradients ig =
        new IntegratedGradients(
            IgOptions.builder().method(QuadratureRule.GAUSS_LEGENDRE).steps(steps).build());
    try (MlpGradient mlp = BenchGraphs.mlp(11, LAYERS)) {
      int pool = quick ? 1024 : 8192;
      List<PathRequest> requests = requests(pool, mlp.dimension());
      int perEventCount = quick ? 300 : 3000;
      Rate perEvent = perEvent(ig, mlp, requests.subList(0, perEventCount));
      List<Rate> batched = new ArrayList<>();
      double pointsPerEvent = 0;
      for (int b : batchSizes) {
        batched.add(batched(ig, mlp, requests, b, 1));
        pointsPerEvent = (double) mlp.points() / eventsOf(requests.size(), b);
      }
      // The stream explains on two threads by default (one per core): the same with two callers
      // sharing the session, so one's Java side overlaps the other's TensorFlow run.
      int pooled = requests.size();
      Arrays.stream(batchSizes)
          .filter(b -> pooled / b >= 2)
          .max()
          .ifPresent(b -> batched.add(batched(ig, mlp, requests, b, 2)));
      // Forward: 2 FLOPs per MAC; backward to the input: the same MACs again (activation
      // gradients only: the weights are constants, their gradients are never computed).
      double flopsPerEvent = 2.0 * 2.0 * mlp.forwardMacs() * pointsPerEvent;
      OpProfile profile = mlp.profile(mlp.maxBatchPoints(), quick ? 10 : 50);
      return new Result(
          n, gflops, steps, pointsPerEvent, flopsPerEvent, perEvent, batched, profile);
    }
  }

  private Rate perEvent(IntegratedGradients ig, MlpGradient mlp, List<PathRequest> requests) {
    for (int i = 0; i < Math.min(200, requests.size()); i++) {
      ig.explain(mlp, requests.get(i));
    }
    double[] rates = new double[repetitions];
    double tfShare = 0;
    double runsPerEvent = 0;
    for (int r = 0; r < repetitions; r++) {
      mlp.resetCounters();
      long start = System.nanoTime();
      for (PathRequest request : requests) {
        ig.explain(mlp, request);
      }
      long nanos = System.nanoTime() - start;
      rates[r] = requests.size() / (nanos / 1e9);
      tfShare = (double) mlp.runNanos() / nanos;
      runsPerEvent = (double) mlp.runs() / requests.size();
    }
    return new Rate("per-event", 1, median(rates), tfShare, runsPerEvent);
  }

  /**
   * {@code callers} threads share the calls of {@code b} events each (disjoint slices of the pool);
   * events/s over the wall time of all.
   */
  private Rate batched(
      IntegratedGradients ig, MlpGradient mlp, List<PathRequest> requests, int b, int callers) {
    int calls = Math.max(1, requests.size() / b);
    ig.explain(mlp, requests.subList(0, b));
    ig.explain(mlp, requests.subList(0, b));
    double[] rates = new double[repetitions];
    double tfShare = 0;
    double runsPerEvent = 0;
    for (int r = 0; r < repetitions; r++) {
      mlp.resetCounters();
      long start = System.nanoTime();
      inParallel(
          callers,
          caller -> {
            for (int c = caller; c < calls; c += callers) {
              ig.explain(mlp, requests.subList(c * b, (c + 1) * b));
            }
          });
      long nanos = System.nanoTime() - start;
      rates[r] = (double) calls * b / (nanos / 1e9);
      tfShare = (double) mlp.runNanos() / (nanos * (double) callers);
      runsPerEvent = (double) mlp.runs() / (calls * b);
    }
    String path = callers == 1 ? "batched" : "batched, " + callers + " callers";
    return new Rate(path, b, median(rates), tfShare, runsPerEvent);
  }

  private static void inParallel(int callers, IntConsumer body) {
    if (callers == 1) {
      body.accept(0);
      return;
    }
    Thread[] threads = new Thread[callers];
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    for (int t = 0; t < callers; t++) {
      int caller = t;
      threads[t] =
          new Thread(
              () -> {
                try {
                  body.accept(caller);
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-caller-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while benchmarking", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static int eventsOf(int pool, int b) {
    return Math.max(1, pool / b) * b;
  }

  private static List<PathRequest> requests(int count, int d) {
    SplittableRandom random = new SplittableRandom(5);
    double[] baseline = new double[d];
    List<PathRequest> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = random.nextDouble(-2, 2);
      }
      out.add(PathRequest.of(x, baseline));
    }
    return out;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
