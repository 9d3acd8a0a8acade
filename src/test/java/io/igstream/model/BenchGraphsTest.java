package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.NodeExecStats;

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
  void shouldTraceWhichKernelsTheRunsSpentTheirTimeIn() {
    try (MlpGradient mlp = BenchGraphs.mlp(3, 30, 64, 64, 1)) {
      OpProfile profile = mlp.profile(512, 3);
      assertEquals(3, profile.runs());
      assertEquals(512, profile.pointsPerRun());
      assertEquals(0, mlp.runs(), "traced runs are not counted as engine runs");
      // Forward: 3 products (one per layer); backward to the input: at least the two hidden
      // layers' products, so matrix products must show up and take part of the kernel time.
      assertTrue(profile.matMulMicros() > 0, profile.micros().toString());
      assertTrue(profile.totalMicros() > profile.matMulMicros(), profile.micros().toString());
      assertTrue(
          profile.micros().keySet().stream().anyMatch(op -> op.startsWith("Relu")),
          "ReLU kernels are listed by op type: " + profile.micros().keySet());
      assertTrue(profile.wallMicros() > 0);
    }
  }

  @Test
  void shouldReadTheOpTypeFromATimelineLabel() {
    NodeExecStats node =
        NodeExecStats.newBuilder()
            .setNodeName("gradients/MatMul_2")
            .setTimelineLabel("gradients/MatMul_2 = _MklMatMul(gradients/ReluGrad, Const_1)")
            .build();
    assertEquals("_MklMatMul", OpProfile.opType(node));
    assertTrue(OpProfile.isMatMul(OpProfile.opType(node)));
    NodeExecStats unlabeled = NodeExecStats.newBuilder().setNodeName("_SOURCE").build();
    assertEquals("_SOURCE", OpProfile.opType(unlabeled));
  }

  @Test
  void shouldMeasureAPositiveMatmulSpeed() {
    double gflops = BenchGraphs.matmulGflops(128, 1, 3);
    assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s " + gflops);
  }
}
