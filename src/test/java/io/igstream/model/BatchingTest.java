package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.igstream.explain.GradientFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingTest {
  @TempDir static Path tmp;
  static SavedModel model;
  static GradientFunction f;
  static final int N = 64;
  static final double[] POINTS = new double[N * 3];
  static final int[] OWNERS = new int[N];

  @BeforeAll
  static void load() throws Exception {
    Path dir = tmp.resolve("keras_structure");
    KerasStructureFixture.write(dir);
    model = SavedModel.load(dir);
    f = model.gradient(GradientSpec.of("serving_default"));
    Random rnd = new Random(11);
    for (int i = 0; i < POINTS.length; i++) {
      POINTS[i] = rnd.nextGaussian();
    }
    for (int k = 0; k < N; k++) {
      OWNERS[k] = k / 8;
    }
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void shouldGiveTheSameResultsBatchedAsOnePointAtATime() {
    assertFalse(((TfGradientFunction) f).runsPerPoint(), "a [-1,3] input is batched");
    double[] values = new double[N];
    double[] grads = new double[N * 3];
    f.evaluate(POINTS, OWNERS, N, values, grads);
    double[] singleValues = new double[N];
    double[] singleGrads = new double[N * 3];
    for (int k = 0; k < N; k++) {
      double[] p = {POINTS[3 * k], POINTS[3 * k + 1], POINTS[3 * k + 2]};
      double[] v = new double[1];
      double[] g = new double[3];
      f.evaluate(p, new int[] {OWNERS[k]}, 1, v, g);
      singleValues[k] = v[0];
      System.arraycopy(g, 0, singleGrads, 3 * k, 3);
    }
    // float32 model: a batched MatMul may round differently from a single-row one (1 ulp).
    assertArrayEquals(singleValues, values, 1e-6);
    assertArrayEquals(singleGrads, grads, 1e-6);
  }

  @Test
  void shouldGiveTheSameResultsFromSeveralThreadsAtOnce() throws Exception {
    double[] expected = new double[N * 3];
    f.evaluate(POINTS, OWNERS, N, new double[N], expected);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        results.add(
            pool.submit(
                () -> {
                  double[] g = new double[N * 3];
                  f.evaluate(POINTS, OWNERS, N, new double[N], g);
                  return g;
                }));
      }
      for (Future<double[]> r : results) {
        assertArrayEquals(expected, r.get(), 0.0);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void shouldReportTheTimeOfOneBatchedRun() {
    int count = 1024;
    double[] pts = new double[count * 3];
    Random rnd = new Random(3);
    for (int i = 0; i < pts.length; i++) {
      pts[i] = rnd.nextGaussian();
    }
    double[] v = new double[count];
    double[] g = new double[count * 3];
    int[] owners = new int[count];
    for (int i = 0; i < 20; i++) {
      f.evaluate(pts, owners, count, v, g);
    }
    long t0 = System.nanoTime();
    int reps = 200;
    for (int i = 0; i < reps; i++) {
      f.evaluate(pts, owners, count, v, g);
    }
    double micros = (System.nanoTime() - t0) / 1e3 / reps;
    System.out.printf(
        "keras-structure fixture: %.1f us per Session.run of %d points%n", micros, count);
    for (int k : new int[] {0, count - 1}) {
      double[] x = {pts[3 * k], pts[3 * k + 1], pts[3 * k + 2]};
      assertArrayEquals(
          KerasStructureFixture.analyticGradient(x),
          new double[] {g[3 * k], g[3 * k + 1], g[3 * k + 2]},
          1e-6);
    }
  }
}
