package io.igstream.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Small TF1-style SavedModels (plain ops, no function calls) written with TF Java, whose values and
 * gradients are known in closed form. Weights are constants; inputs are placeholders.
 */
final class GraphFixtures {
  static final double[][] A = {{0.3, -0.8}, {1.1, 0.2}, {-0.5, 0.9}};
  static final double[] V = {1.5, -2.0};
  static final double[] U = {0.25, -0.5, 0.75};
  static final float[][] B = {
    {0.5f, -1f, 0.2f}, {0.3f, 0.8f, -0.6f}, {-0.7f, 0.1f, 0.9f}, {1f, -0.4f, 0.3f}
  };
  static final float[] W3 = {0.6f, -1.2f, 0.9f};

  private GraphFixtures() {}

  /** float64: {@code y = tanh(x A) . V + x . U} as [-1], {@code hidden = tanh(x A)} [-1, 2]. */
  static void float64Tanh(Path dir) throws IOException {
    export(
        dir,
        tf -> {
          Placeholder<TFloat64> x =
              tf.withName("x").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, 3)));
          Operand<TFloat64> hidden =
              tf.withName("hidden").math.tanh(tf.linalg.matMul(x, tf.constant(A)));
          Operand<TFloat64> hv =
              tf.linalg.matMul(hidden, tf.constant(new double[][] {{V[0]}, {V[1]}}));
          Operand<TFloat64> xu =
              tf.linalg.matMul(x, tf.constant(new double[][] {{U[0]}, {U[1]}, {U[2]}}));
          Operand<TFloat64> y =
              tf.withName("y").reshape(tf.math.add(hv, xu), tf.constant(new int[] {-1}));
          return Signature.builder().key("serving_default").input("x", x).output("y", y);
        });
  }

  /** float32 softmax over 3 classes: {@code probs = softmax(x B)} [-1,3], {@code logits = x B}. */
  static void softmax3(Path dir) throws IOException {
    export(
        dir,
        tf -> {
          Placeholder<TFloat32> x =
              tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
          Operand<TFloat32> logits = tf.withName("logits").linalg.matMul(x, tf.constant(B));
          Operand<TFloat32> probs = tf.withName("probs").nn.softmax(logits);
          return Signature.builder()
              .key("serving_default")
              .input("x", x)
              .output("probs", probs)
              .output("logits", logits);
        });
  }

  /**
   * Two inputs: {@code y = (x . W3) * sum(z) + sum(z)}, x [-1,3], z [-1,2], y [-1,1] sigmoid-free.
   */
  static void twoInputs(Path dir) throws IOException {
    export(
        dir,
        tf -> {
          Placeholder<TFloat32> x =
              tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
          Placeholder<TFloat32> z =
              tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
          Operand<TFloat32> xw =
              tf.linalg.matMul(x, tf.constant(new float[][] {{W3[0]}, {W3[1]}, {W3[2]}}));
          Operand<TFloat32> sz =
              tf.reduceSum(
                  z, tf.constant(new int[] {1}), org.tensorflow.op.core.ReduceSum.keepDims(true));
          Operand<TFloat32> y = tf.withName("y").math.add(tf.math.mul(xw, sz), sz);
          return Signature.builder()
              .key("serving_default")
              .input("x", x)
              .input("z", z)
              .output("y", y);
        });
  }

  private static void export(Path dir, Function<Ops, Signature.Builder> body) throws IOException {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Signature sig = body.apply(Ops.create(g)).build();
      SavedModelBundle.exporter(dir.toString())
          .withFunction(SessionFunction.create(sig, s))
          .export();
    }
  }
}
