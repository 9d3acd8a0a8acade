package io.igstream.model;

import io.igstream.explain.GradientFunction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.RunOptions;

/**
 * The benchmark MLP's output and input gradient, one {@code Session.run} per {@link #evaluate} call
 * (all points fed as one {@code [count, d]} float32 tensor), like the production {@code
 * TfGradientFunction}. Counts runs and points, and the time spent in {@code Session.run} versus in
 * the whole call (tensor copies included), so a benchmark can tell Java time from TensorFlow time.
 */
public final class MlpGradient implements GradientFunction, AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Output<?> x;
  private final Output<?> value;
  private final Output<?> gradient;
  private final long macs;
  private final int dimension;
  private final LongAdder runs = new LongAdder();
  private final LongAdder points = new LongAdder();
  private final LongAdder runNanos = new LongAdder();
  private final LongAdder callNanos = new LongAdder();

  MlpGradient(Graph graph, Output<?> x, Output<?> value, Output<?> gradient, long macs) {
    this.graph = graph;
    this.session = new Session(graph);
    this.x = x;
    this.value = value;
    this.gradient = gradient;
    this.macs = macs;
    this.dimension = (int) x.shape().get(1);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Multiply-accumulates of one forward pass at one point. */
  public long forwardMacs() {
    return macs;
  }

  @Override
  public void evaluate(double[] pts, int[] owners, int count, double[] values, double[] grads) {
    if (count == 0) {
      return;
    }
    long start = System.nanoTime();
    try (Tensor fed = TensorIo.create(DataType.DT_FLOAT, Shape.of(count, dimension), pts, 0)) {
      long runStart = System.nanoTime();
      try (Result result = session.runner().feed(x, fed).fetch(value).fetch(gradient).run()) {
        runNanos.add(System.nanoTime() - runStart);
        TensorIo.read(result.get(0), count, values, 0);
        TensorIo.read(result.get(1), count * dimension, grads, 0);
      }
    }
    runs.increment();
    points.add(count);
    callNanos.add(System.nanoTime() - start);
  }

  /**
   * Runs the value and gradient at {@code points} random points {@code runs} times with
   * TensorFlow's full trace on, after one untraced warm-up run: which kernels the time goes to. Not
   * counted in {@link #runs()}.
   */
  public OpProfile profile(int points, int runs) {
    double[] pts = new double[points * dimension];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < pts.length; i++) {
      pts[i] = random.nextDouble(-2, 2);
    }
    RunOptions trace =
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    Map<String, Long> micros = new HashMap<>();
    long wallNanos = 0;
    try (Tensor fed = TensorIo.create(DataType.DT_FLOAT, Shape.of(points, dimension), pts, 0)) {
      for (int r = -1; r < runs; r++) {
        long start = System.nanoTime();
        try (Result result =
            session
                .runner()
                .setOptions(trace)
                .feed(x, fed)
                .fetch(value)
                .fetch(gradient)
                .runAndFetchMetadata()) {
          if (r >= 0) {
            wallNanos += System.nanoTime() - start;
            OpProfile.accumulate(result.getMetadata().orElseThrow(), micros);
          }
        }
      }
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    micros.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new OpProfile(runs, points, wallNanos / 1000, sorted);
  }

  /** {@code Session.run}s so far. */
  public long runs() {
    return runs.sum();
  }

  /** Points evaluated so far. */
  public long points() {
    return points.sum();
  }

  /** Nanoseconds inside {@code Session.run} (TensorFlow's own time, feeds and fetches included). */
  public long runNanos() {
    return runNanos.sum();
  }

  /** Nanoseconds inside {@link #evaluate} (run plus the Java-side tensor copies). */
  public long callNanos() {
    return callNanos.sum();
  }

  /** Zeroes the counters, e.g. after warm-up. */
  public void resetCounters() {
    runs.reset();
    points.reset();
    runNanos.reset();
    callNanos.reset();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
