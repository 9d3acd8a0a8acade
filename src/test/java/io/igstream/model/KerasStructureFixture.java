package io.igstream.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.OpDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a SavedModel with the structure of a Keras export, built with TF Java: the serving output
 * is a {@code StatefulPartitionedCall} of a function that takes the variable as a DT_RESOURCE
 * argument; that function calls (nested) a second one doing ReadVariableOp &rarr; MatMul, then
 * applies Sigmoid; an Identity in the outer graph follows the call. So {@code y = sigmoid(x W)}, x
 * of shape [-1, 3], W of shape [3, 1].
 *
 * <p>The exporter saves only VariableV2 values, so the resource variable's value is restored by an
 * extra {@code __saved_model_init_op} signature whose output depends on the initialiser.
 */
final class KerasStructureFixture {
  static final float[][] W = {{0.7f}, {-1.3f}, {0.4f}};
  static final String INPUT = "x";
  static final String OUTPUT = "y";

  private KerasStructureFixture() {}

  /** sigmoid(x W) and its gradient, computed in Java (double precision). */
  static double[] analyticGradient(double[] x) {
    double z = 0;
    for (int i = 0; i < 3; i++) {
      z += x[i] * W[i][0];
    }
    double s = 1 / (1 + Math.exp(-z));
    double[] g = new double[3];
    for (int i = 0; i < 3; i++) {
      g[i] = s * (1 - s) * W[i][0];
    }
    return g;
  }

  static double analyticValue(double[] x) {
    double z = 0;
    for (int i = 0; i < 3; i++) {
      z += x[i] * W[i][0];
    }
    return 1 / (1 + Math.exp(-z));
  }

  static void write(Path dir) throws IOException {
    ConcreteFunction inner =
        ConcreteFunction.create(
            tf -> {
              Placeholder<TFloat32> x =
                  tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
              Operand<?> w = resourceArgument(tf, "w");
              Operand<TFloat32> z = tf.linalg.matMul(x, tf.readVariableOp(w, TFloat32.class));
              return Signature.builder()
                  .key("dense_call")
                  .input("x", x)
                  .input("w", w)
                  .output("z", z)
                  .build();
            });
    ConcreteFunction outer =
        ConcreteFunction.create(
            tf -> {
              Placeholder<TFloat32> x =
                  tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
              Operand<?> w = resourceArgument(tf, "w");
              Operand<?> z =
                  tf.statefulPartitionedCall(
                          ordered(inner, Map.of("x", x, "w", w)), List.of(TFloat32.class), inner)
                      .output()
                      .get(0);
              Operand<TFloat32> y = tf.math.sigmoid(z.asOutput().expect(TFloat32.class));
              return Signature.builder()
                  .key("model_call")
                  .input("x", x)
                  .input("w", w)
                  .output("y", y)
                  .build();
            });
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      VarHandleOp w = tf.withName("W").varHandleOp(TFloat32.class, Shape.of(3, 1));
      AssignVariableOp init = tf.assignVariableOp(w, tf.constant(W));
      Operand<?> called =
          tf.statefulPartitionedCall(
                  ordered(outer, Map.of("x", x, "w", w)), List.of(TFloat32.class), outer)
              .output()
              .get(0);
      // An Identity after the call, as signature wrappers have: inlining must copy it too.
      Operand<?> y = tf.withName("serving_output").identity(called);
      s.run(init);
      Operand<TInt32> initDone = tf.withControlDependencies(init).constant(0);
      Signature serving =
          Signature.builder().key("serving_default").input(INPUT, x).output(OUTPUT, y).build();
      Signature initSig =
          Signature.builder()
              .key("__saved_model_init_op")
              .output("__saved_model_init_op", initDone)
              .build();
      SavedModelBundle.exporter(dir.toString())
          .withFunction(SessionFunction.create(serving, s))
          .withFunction(SessionFunction.create(initSig, s))
          .export();
    } finally {
      inner.close();
      outer.close();
    }
  }

  /** A DT_RESOURCE function argument, as Keras passes variables (1.1.0 has no TResource class). */
  static Operand<?> resourceArgument(Ops tf, String name) {
    return tf.scope()
        .opBuilder("Placeholder", name)
        .setAttr("dtype", DataType.DT_RESOURCE)
        .setAttr("shape", Shape.scalar())
        .build()
        .output(0);
  }

  /** The call's inputs in the order of the FunctionDef's input args. */
  static List<Operand<?>> ordered(ConcreteFunction fn, Map<String, Operand<?>> byName) {
    List<Operand<?>> inputs = new ArrayList<>();
    for (OpDef.ArgDef arg : fn.getFunctionDef().getSignature().getInputArgList()) {
      Operand<?> o = byName.get(arg.getName());
      if (o == null) {
        throw new IllegalStateException("no operand for function argument " + arg.getName());
      }
      inputs.add(o);
    }
    return inputs;
  }
}
