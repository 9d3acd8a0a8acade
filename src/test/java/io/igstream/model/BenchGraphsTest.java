package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark graphs compute what the benchmark claims they compute. */
class BenchGraphsTest {

  @Test
  void shouldCountMultiplyAccumulatesOfADenseNet() {
    assertEquals(30 * 64 + 64 * 64 + 64, BenchGraphs.macs(30, 64, 64, 1));
  }

  @Test
  void shouldReturnTheInputGradientOfEveryRowInOneRun() {
    try (MlpGradient mlp = BenchGraphs.mlp(3, 30, 64, 64, 1)) {
      int d = mlp.dimension();
      int count = 3;
      double[] points = new double[count * d];
      for (int i = 0; i < points.length; i++) {
        points[i] = Math.sin(i * 0.37);
      }
      double[] values = new double[count];
      double[] grads = new double[count * d];
      mlp.evaluate(points, new int[count], count, values, grads);
      assertEquals(1, mlp.runs());
      assertEquals(count, mlp.points());
      assertTrue(mlp.runNanos() > 0 && mlp.callNanos() >= mlp.runNanos());
      // Central differences on row 1 (float32 graph: loose tolerance).
      double h = 1e-2;
      for (int i = 0; i < d; i += 7) {
        double[] plus = points.clone();
        double[] minus = points.clone();
        plus[d + i] += h;
        minus[d + i] -= h;
        double[] vp = new double[count];
        double[] vm = new double[count];
        mlp.evaluate(plus, new int[count], count, vp, new double[count * d]);
        mlp.evaluate(minus, new int[count], count, vm, new double[count * d]);
        double fd = (vp[1] - vm[1]) / (2 * h);
        assertEquals(fd, grads[d + i], 2e-3 + 2e-2 * Math.abs(fd), "feature " + i);
        assertEquals(values[0], vp[0], 1e-6, "other rows do not move");
      }
    }
  }

  @Test
  void shouldMeasureAPositiveMatmulSpeed() {
    double gflops = BenchGraphs.matmulGflops(128, 1, 3);
    assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s " + gflops);
  }
}
