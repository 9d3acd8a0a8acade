package io.igstream.model.training;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.types.TFloat32;

/**
 * The fraud classifier's forward pass: standardize the raw features with constants baked into the
 * graph, then Dense 64 ReLU &rarr; Dense 32 ReLU &rarr; Dense 1 (the logit). Training and serving
 * build the same pass, so the SavedModel takes the raw generator feature vector.
 */
final class FraudNetwork {
  static final int INPUTS = 30;
  static final int HIDDEN_1 = 64;
  static final int HIDDEN_2 = 32;

  /** Shapes of kernel 1, bias 1, kernel 2, bias 2, kernel 3, bias 3. */
  static final List<Shape> PARAMETER_SHAPES =
      List.of(
          Shape.of(INPUTS, HIDDEN_1),
          Shape.of(HIDDEN_1),
          Shape.of(HIDDEN_1, HIDDEN_2),
          Shape.of(HIDDEN_2),
          Shape.of(HIDDEN_2, 1),
          Shape.of(1));

  /** Names of the parameter variables, same order as {@link #PARAMETER_SHAPES}. */
  static final List<String> PARAMETER_NAMES =
      List.of(
          "dense_1_kernel",
          "dense_1_bias",
          "dense_2_kernel",
          "dense_2_bias",
          "dense_3_kernel",
          "dense_3_bias");

  private FraudNetwork() {}

  /**
   * Builds the logits {@code [batch, 1]} of {@code rawFeatures} {@code [batch, 30]}.
   *
   * @param parameters six operands, shaped as {@link #PARAMETER_SHAPES}
   */
  static Operand<TFloat32> logits(
      Ops tf,
      Operand<TFloat32> rawFeatures,
      Standardization standardization,
      List<? extends Operand<TFloat32>> parameters) {
    Operand<TFloat32> x =
        tf.withName("standardized")
            .math
            .div(
                tf.math.sub(
                    rawFeatures, tf.withName("feature_mean").constant(standardization.mean())),
                tf.withName("feature_std").constant(standardization.std()));
    Operand<TFloat32> hidden1 =
        tf.withName("dense_1")
            .nn
            .relu(tf.math.add(tf.linalg.matMul(x, parameters.get(0)), parameters.get(1)));
    Operand<TFloat32> hidden2 =
        tf.withName("dense_2")
            .nn
            .relu(tf.math.add(tf.linalg.matMul(hidden1, parameters.get(2)), parameters.get(3)));
    return tf.withName("logit")
        .math
        .add(tf.linalg.matMul(hidden2, parameters.get(4)), parameters.get(5));
  }

  /** A float32 constant holding a flat parameter array in the given shape. */
  static Constant<TFloat32> constant(Ops tf, Shape shape, float[] values) {
    return tf.constant(shape, DataBuffers.of(values, true, false));
  }
}
