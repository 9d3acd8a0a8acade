package io.igstream.model;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * Adds to the graph the scalar-per-row tensor a {@link Target} describes. Selecting the column
 * happens in the graph, before differentiating, so the gradient is that of one output and not of
 * the sum of all of them.
 */
final class TargetBuilder {

  /** The target tensor and whether its first dimension is the batch (one value per row). */
  record Built(Output<?> value, boolean hasBatch) {}

  private TargetBuilder() {}

  static Built build(
      Graph graph, String scope, Output<?> output, Shape declared, Target target, String what) {
    Output<?> t = target.logit() ? logitOf(output, what) : output;
    Shape shape = t.shape().isUnknown() ? declared : t.shape();
    if (shape.isUnknown()) {
      throw new ModelException(what + " has an unknown rank; cannot select a target column");
    }
    boolean hasBatch = shape.numDimensions() > 0 && shape.get(0) == Shape.UNKNOWN_SIZE;
    Shape cols = hasBatch ? shape.tail() : shape;
    boolean single = cols.numDimensions() == 0 || (cols.numDimensions() == 1 && cols.get(0) == 1);
    if (single) {
      if (target.column() != 0 || target.minusColumn().isPresent()) {
        throw new ModelException(
            what
                + " has a single value per row (shape "
                + shape
                + "): only column 0 exists, "
                + target
                + " was asked");
      }
      return new Built(t, hasBatch);
    }
    if (cols.numDimensions() > 1) {
      throw new ModelException(
          what
              + " has shape "
              + shape
              + ": only outputs of shape [-1], [-1,k] or [k] are supported");
    }
    long n = cols.get(0);
    checkColumn(target.column(), n, shape, what);
    if (target.minusColumn().isPresent()) {
      checkColumn(target.minusColumn().getAsInt(), n, shape, what);
    }
    Ops tf = Ops.create(graph).withSubScope(scope);
    return new Built(select(tf, t, target, hasBatch ? 1 : 0), hasBatch);
  }

  private static <T extends TType> Output<T> select(Ops tf, Output<T> t, Target target, int axis) {
    Operand<T> col = tf.gather(t, tf.constant(target.column()), tf.constant(axis));
    if (target.minusColumn().isEmpty()) {
      return col.asOutput();
    }
    Operand<T> other =
        tf.gather(t, tf.constant(target.minusColumn().getAsInt()), tf.constant(axis));
    return tf.math.sub(col, other).asOutput();
  }

  private static void checkColumn(int column, long columns, Shape shape, String what) {
    if (columns != Shape.UNKNOWN_SIZE && column >= columns) {
      throw new ModelException(
          "column "
              + column
              + " is out of range: "
              + what
              + " has "
              + columns
              + " columns (shape "
              + shape
              + "); choose 0.."
              + (columns - 1));
    }
  }

  /** The input of the Sigmoid/Softmax producing {@code output}, looking through Identity ops. */
  private static Output<?> logitOf(Output<?> output, String what) {
    Output<?> cur = output;
    GraphOperation op = (GraphOperation) cur.op();
    while (op.type().equals("Identity") || op.type().equals("IdentityN")) {
      cur = op.type().equals("Identity") ? op.input(0) : op.input(cur.index());
      op = (GraphOperation) cur.op();
    }
    if (op.type().equals("Sigmoid") || op.type().equals("Softmax")) {
      return op.input(0);
    }
    throw new ModelException(
        what
            + " is produced by a "
            + op.type()
            + " op ('"
            + op.name()
            + "'), not by Sigmoid or Softmax: its logit is not available; explain the output"
            + " itself (logit=false)");
  }
}
