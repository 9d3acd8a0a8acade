package io.igstream.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Writes float64 SavedModels of dense nets, {@code x -> [MatMul, BiasAdd, act]* -> MatMul, BiasAdd
 * -> head}, with seeded Gaussian weights: ReLU (or, to test the fall-back, tanh) hidden layers
 * under a sigmoid (one output) or softmax (three outputs) head. Either plain (weights as graph
 * constants) or with the structure of a Keras export: the weights are resource variables passed to
 * a {@code StatefulPartitionedCall}ed function that reads them with ReadVariableOp, restored by an
 * init signature (see {@link KerasStructureFixture}).
 */
final class ReluNetFixture {
  enum Head {
    SIGMOID,
    SOFTMAX
  }

  enum Hidden {
    RELU,
    TANH
  }

  record Net(long seed, int dimension, int[] hidden, Head head, Hidden activation, boolean keras) {}

  private ReluNetFixture() {}

  /** The weights, in order W0, b0, W1, b1, ..., V, c. */
  static Map<String, double[][]> weights(Net net) {
    Random random = new Random(net.seed());
    Map<String, double[][]> params = new LinkedHashMap<>();
    int fanIn = net.dimension();
    int layers = net.hidden().length;
    for (int l = 0; l <= layers; l++) {
      int width = l < layers ? net.hidden()[l] : net.head() == Head.SOFTMAX ? 3 : 1;
      double scale = l == 0 ? 1 : 2 / Math.sqrt(fanIn);
      double[][] w = new double[fanIn][width];
      for (double[] row : w) {
        for (int j = 0; j < width; j++) {
          row[j] = scale * random.nextGaussian();
        }
      }
      double[][] b = new double[1][width];
      for (int j = 0; j < width; j++) {
        b[0][j] = (l < layers ? 1 : 0.5) * random.nextGaussian();
      }
      params.put(name(l, "w"), w);
      params.put(name(l, "b"), b);
      fanIn = width;
    }
    return params;
  }

  static void write(Path dir, Net net) throws IOException {
    Map<String, double[][]> params = weights(net);
    if (!net.keras()) {
      try (Graph g = new Graph();
          Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat64> x = input(tf, net);
        Map<String, Operand<TFloat64>> constants = new HashMap<>();
        params.forEach((name, value) -> constants.put(name, tf.constant(value)));
        Operand<TFloat64> y = body(tf, x, constants, net);
        Signature sig =
            Signature.builder().key("serving_default").input("x", x).output("y", y).build();
        SavedModelBundle.exporter(dir.toString())
            .withFunction(SessionFunction.create(sig, s))
            .export();
      }
      return;
    }
    ConcreteFunction call =
        ConcreteFunction.create(
            tf -> {
              Placeholder<TFloat64> x = input(tf, net);
              Signature.Builder sig = Signature.builder().key("dense_net_call").input("x", x);
              Map<String, Operand<TFloat64>> read = new HashMap<>();
              for (String name : params.keySet()) {
                Operand<?> handle = KerasStructureFixture.resourceArgument(tf, name);
                sig.input(name, handle);
                read.put(name, tf.readVariableOp(handle, TFloat64.class));
              }
              return sig.output("y", body(tf, x, read, net)).build();
            });
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat64> x = input(tf, net);
      Map<String, Operand<?>> args = new HashMap<>();
      args.put("x", x);
      List<Op> inits = new ArrayList<>();
      for (Map.Entry<String, double[][]> p : params.entrySet()) {
        double[][] value = p.getValue();
        VarHandleOp v =
            tf.withName("var_" + p.getKey())
                .varHandleOp(
                    TFloat64.class,
                    Shape.of(value.length, value[0].length),
                    // Without a shared name every handle names the same (empty-named) resource.
                    VarHandleOp.sharedName("var_" + p.getKey()));
        inits.add(tf.assignVariableOp(v, tf.constant(value)));
        args.put(p.getKey(), v);
      }
      Operand<?> called =
          tf.statefulPartitionedCall(
                  KerasStructureFixture.ordered(call, args), List.of(TFloat64.class), call)
              .output()
              .get(0);
      Operand<?> y = tf.withName("serving_output").identity(called);
      for (Op init : inits) {
        s.run(init);
      }
      Operand<TInt32> initDone = tf.withControlDependencies(inits).constant(0);
      SavedModelBundle.exporter(dir.toString())
          .withFunction(
              SessionFunction.create(
                  Signature.builder().key("serving_default").input("x", x).output("y", y).build(),
                  s))
          .withFunction(
              SessionFunction.create(
                  Signature.builder()
                      .key("__saved_model_init_op")
                      .output("__saved_model_init_op", initDone)
                      .build(),
                  s))
          .export();
    } finally {
      call.close();
    }
  }

  /** Parameter names that sort in creation order (l0w, l0b, l1w, ...). */
  private static String name(int layer, String kind) {
    return String.format("l%02d%s", layer, kind.equals("w") ? "a_w" : "b_b");
  }

  private static Placeholder<TFloat64> input(Ops tf, Net net) {
    return tf.withName("x")
        .placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, net.dimension())));
  }

  private static Operand<TFloat64> body(
      Ops tf, Operand<TFloat64> x, Map<String, Operand<TFloat64>> p, Net net) {
    Operand<TFloat64> h = x;
    int layers = net.hidden().length;
    for (int l = 0; l < layers; l++) {
      Operand<TFloat64> z =
          tf.nn.biasAdd(
              tf.linalg.matMul(h, p.get(name(l, "w"))),
              tf.reshape(p.get(name(l, "b")), tf.constant(new long[] {-1})));
      h = net.activation() == Hidden.RELU ? tf.nn.relu(z) : tf.math.tanh(z);
    }
    Operand<TFloat64> logits =
        tf.nn.biasAdd(
            tf.linalg.matMul(h, p.get(name(layers, "w"))),
            tf.reshape(p.get(name(layers, "b")), tf.constant(new long[] {-1})));
    return net.head() == Head.SIGMOID ? tf.math.sigmoid(logits) : tf.nn.softmax(logits);
  }

  /**
   * Breakpoints of the path from {@code baseline} to {@code x}, counted independently of the model
   * code: the hidden pre-activations recomputed in Java from the weights on a grid of {@code steps}
   * cells, one per unit sign change between neighbouring grid points.
   */
  static int breakpointsOnGrid(Net net, double[] x, double[] baseline, int steps) {
    Map<String, double[][]> p = weights(net);
    int count = 0;
    double[] before = null;
    for (int s = 0; s <= steps; s++) {
      double alpha = (double) s / steps;
      double[] h = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        h[i] = baseline[i] + alpha * (x[i] - baseline[i]);
      }
      List<Double> pre = new ArrayList<>();
      for (int l = 0; l < net.hidden().length; l++) {
        double[][] w = p.get(name(l, "w"));
        double[] b = p.get(name(l, "b"))[0];
        double[] next = new double[b.length];
        for (int j = 0; j < b.length; j++) {
          double z = b[j];
          for (int i = 0; i < h.length; i++) {
            z += h[i] * w[i][j];
          }
          pre.add(z);
          next[j] = Math.max(0, z);
        }
        h = next;
      }
      double[] now = pre.stream().mapToDouble(Double::doubleValue).toArray();
      if (before != null) {
        for (int u = 0; u < now.length; u++) {
          if ((before[u] > 0) != (now[u] > 0)) {
            count++;
          }
        }
      }
      before = now;
    }
    return count;
  }
}
