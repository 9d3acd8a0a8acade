package io.igstream.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The graphs {@code igstream bench} measures: a square matmul that gives the machine's bound in
 * GFLOP/s, and a random-weight ReLU MLP whose input gradient the IG engine integrates. Every input
 * is a fed placeholder: Grappler constant-folds const&times;const, which would report absurd
 * speeds.
 */
public final class BenchGraphs {
  private BenchGraphs() {}

  /**
   * TensorFlow's float32 {@code n x n x n} matmul speed in GFLOP/s ({@code 2 n^3} FLOPs per run):
   * both operands fed, {@code warmups} untimed runs, then the median of {@code repetitions} timed
   * runs.
   */
  public static double matmulGflops(int n, int warmups, int repetitions) {
    // Every core on the one product, whatever TF_NUM_INTRAOP_THREADS says (the launcher sets 1
    // for the explain sessions): the bound is the machine's, not one thread's.
    ConfigProto allCores =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(Runtime.getRuntime().availableProcessors())
            .build();
    try (Graph g = new Graph();
        Session s = new Session(g, allCores)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class);
      // Reduce to a scalar so fetching the result costs nothing next to the product.
      Operand<TFloat32> product =
          tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      float[] values = new float[n * n];
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextDouble() - 0.5);
      }
      long[] nanos = new long[repetitions];
      try (TFloat32 ta = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(values, true, false));
          TFloat32 tb = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(values, true, false))) {
        for (int r = -warmups; r < repetitions; r++) {
          long start = System.nanoTime();
          try (Result result = s.runner().feed(a, ta).feed(b, tb).fetch(product).run()) {
            long elapsed = System.nanoTime() - start;
            if (r >= 0 && result.size() == 1) {
              nanos[r] = elapsed;
            }
          }
        }
      }
      Arrays.sort(nanos);
      double seconds = nanos[repetitions / 2] / 1e9;
      return 2.0 * n * n * n / seconds / 1e9;
    }
  }

  /**
   * A {@code sizes[0]-sizes[1]-...-1} ReLU MLP with He-initialised random weights (seeded), as a
   * gradient function of its scalar output. Layer sizes end with 1.
   */
  public static MlpGradient mlp(long seed, int... sizes) {
    if (sizes.length < 2 || sizes[sizes.length - 1] != 1) {
      throw new IllegalArgumentException("layer sizes must end with 1: " + Arrays.toString(sizes));
    }
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, sizes[0])));
      SplittableRandom random = new SplittableRandom(seed);
      Operand<TFloat32> h = x;
      for (int l = 1; l < sizes.length; l++) {
        int in = sizes[l - 1];
        int out = sizes[l];
        float[] w = new float[in * out];
        double scale = Math.sqrt(2.0 / in);
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) (gaussian(random) * scale);
        }
        float[] bias = new float[out];
        for (int i = 0; i < out; i++) {
          bias[i] = (float) (0.1 * gaussian(random));
        }
        Operand<TFloat32> z =
            tf.math.add(
                tf.linalg.matMul(h, tf.constant(Shape.of(in, out), DataBuffers.of(w, true, false))),
                tf.constant(Shape.of(out), DataBuffers.of(bias, true, false)));
        h = l == sizes.length - 1 ? z : tf.nn.relu(z);
      }
      // Rows are independent, so the gradient of the sum is each row's own gradient.
      Output<?> grad = graph.addGradients(h.asOutput(), new Output<?>[] {x.asOutput()})[0];
      return new MlpGradient(graph, x.asOutput(), h.asOutput(), grad, macs(sizes));
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** Multiply-accumulates of one forward pass of a dense net with these layer sizes. */
  public static long macs(int... sizes) {
    long total = 0;
    for (int l = 1; l < sizes.length; l++) {
      total += (long) sizes[l - 1] * sizes[l];
    }
    return total;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
