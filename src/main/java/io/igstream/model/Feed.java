package io.igstream.model;

import org.tensorflow.Output;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * How one graph tensor is fed: with a leading batch dimension (one row per point) or, when its
 * static shape has none, exactly as declared (one point per run).
 *
 * @param key the signature input key, or the tensor name for an internal tensor
 * @param output the tensor to feed
 * @param type its dtype
 * @param batched whether the first dimension is the batch
 * @param rowShape the shape of one point (without the batch dimension)
 */
record Feed(String key, Output<?> output, DataType type, boolean batched, Shape rowShape) {

  /** A feed for {@code output}, whose static shape must be fully known apart from the batch. */
  static Feed of(String key, Output<?> output, Shape declared) {
    if (declared.isUnknown()) {
      throw new ModelException(
          "'" + key + "' has an unknown rank; cannot tell how many values one point has");
    }
    boolean batched = declared.numDimensions() > 0 && declared.get(0) == Shape.UNKNOWN_SIZE;
    Shape row = batched ? declared.tail() : declared;
    if (row.hasUnknownDimension()) {
      throw new ModelException(
          "'"
              + key
              + "' has shape "
              + declared
              + ": only the first (batch) dimension may be unknown to attribute or feed it");
    }
    if (!TensorIo.isSupported(output.dataType())) {
      throw new ModelException(
          "'" + key + "' has type " + output.dataType() + "; only float, double and int fit");
    }
    return new Feed(key, output, output.dataType(), batched, row);
  }

  /** Values per point. */
  int size() {
    return (int) rowShape.size();
  }

  /** The shape fed for {@code rows} points (rows must be 1 when not batched). */
  Shape shape(int rows) {
    return batched ? rowShape.prepend(rows) : rowShape;
  }

  /**
   * The tensor for points {@code start..start+rows} of side input values, row r from event
   * owners[start+r].
   */
  Tensor sideTensor(SideInputs values, int[] owners, int start, int rows) {
    int n = size();
    double[] buf = new double[rows * n];
    for (int r = 0; r < rows; r++) {
      double[] v = values.valuesFor(key, owners[start + r]);
      if (v.length != n) {
        throw new ModelException(
            "side input '"
                + key
                + "' needs "
                + n
                + " values per event (shape "
                + rowShape
                + ") but got "
                + v.length);
      }
      System.arraycopy(v, 0, buf, r * n, n);
    }
    return TensorIo.create(type, shape(rows), buf, 0);
  }
}
