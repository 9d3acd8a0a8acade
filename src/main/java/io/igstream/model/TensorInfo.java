package io.igstream.model;

import java.util.List;

/**
 * One input or output of a signature.
 *
 * @param key the signature key (e.g. {@code dense_input})
 * @param tensorName the graph tensor (e.g. {@code serving_default_dense_input:0})
 * @param dtype the TensorFlow data type name (e.g. {@code DT_FLOAT})
 * @param shape the dimensions, {@code -1} for unknown ones; {@code null} for an unknown rank
 */
public record TensorInfo(String key, String tensorName, String dtype, List<Long> shape) {

  /** Whether values of this tensor can be attributed to (float32 or float64). */
  public boolean isFloat() {
    return "DT_FLOAT".equals(dtype) || "DT_DOUBLE".equals(dtype);
  }

  /** Whether the first dimension is an unknown batch dimension. */
  public boolean hasBatchDimension() {
    return shape != null && !shape.isEmpty() && shape.get(0) == -1;
  }

  @Override
  public String toString() {
    return key
        + " ("
        + tensorName
        + ", "
        + dtype
        + ", shape "
        + (shape == null ? "?" : shape)
        + ")";
  }
}
