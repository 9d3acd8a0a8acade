package io.igstream.model;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Copies between Java {@code double[]} slices and native tensors of the supported dtypes. */
final class TensorIo {
  // Float conversion scratch, one per thread so concurrent evaluations never share it.
  private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<double[]> DOUBLES = ThreadLocal.withInitial(() -> new double[0]);

  private TensorIo() {}

  static boolean isSupported(DataType type) {
    return type == DataType.DT_FLOAT
        || type == DataType.DT_DOUBLE
        || type == DataType.DT_INT32
        || type == DataType.DT_INT64;
  }

  /** A new tensor of {@code shape} holding {@code src[offset, offset + shape.size())}. */
  static Tensor create(DataType type, Shape shape, double[] src, int offset) {
    int n = (int) shape.size();
    switch (type) {
      case DT_DOUBLE:
        return TFloat64.tensorOf(shape, DataBuffers.of(src, true, false).slice(offset, n));
      case DT_FLOAT:
        {
          float[] f = floats(n);
          for (int i = 0; i < n; i++) {
            f[i] = (float) src[offset + i];
          }
          return TFloat32.tensorOf(shape, DataBuffers.of(f, true, false).slice(0, n));
        }
      case DT_INT32:
        {
          int[] v = new int[n];
          for (int i = 0; i < n; i++) {
            v[i] = (int) Math.round(src[offset + i]);
          }
          return TInt32.tensorOf(shape, DataBuffers.of(v, true, false));
        }
      case DT_INT64:
        {
          long[] v = new long[n];
          for (int i = 0; i < n; i++) {
            v[i] = Math.round(src[offset + i]);
          }
          return TInt64.tensorOf(shape, DataBuffers.of(v, true, false));
        }
      default:
        throw new ModelException("cannot feed a tensor of type " + type);
    }
  }

  /** Copies all {@code expected} values of a float tensor into {@code dst} from {@code offset}. */
  static void read(Tensor t, int expected, double[] dst, int offset) {
    long size = t.shape().size();
    if (size != expected) {
      throw new ModelException(
          "expected "
              + expected
              + " values (one per point, or one point's gradient) but TensorFlow returned shape "
              + t.shape()
              + "; the signature declares a looser shape than the graph computes");
    }
    if (t instanceof TFloat64 d) {
      d.copyTo(DataBuffers.of(dst, false, false).slice(offset, expected));
    } else if (t instanceof TFloat32 f) {
      float[] tmp = floats(expected);
      f.copyTo(DataBuffers.of(tmp, false, false).slice(0, expected));
      for (int i = 0; i < expected; i++) {
        dst[offset + i] = tmp[i];
      }
    } else {
      throw new ModelException("cannot read a tensor of type " + t.dataType() + " as doubles");
    }
  }

  /**
   * Copies a float tensor of {@code rows} rows of {@code width} values into {@code dst}, row {@code
   * r} at {@code offset + r * stride}: interleaves several fetched tensors into one row per point
   * without an intermediate array.
   */
  static void readRows(Tensor t, int rows, int width, double[] dst, int offset, int stride) {
    if (stride == width || rows <= 1) {
      read(t, rows * width, dst, offset);
      return;
    }
    long size = t.shape().size();
    if (size != (long) rows * width) {
      read(t, rows * width, dst, offset); // reports the shape mismatch
      return;
    }
    if (t instanceof TFloat64 d) {
      double[] tmp = doubles(rows * width);
      d.copyTo(DataBuffers.of(tmp, false, false).slice(0, rows * width));
      for (int r = 0; r < rows; r++) {
        System.arraycopy(tmp, r * width, dst, offset + r * stride, width);
      }
    } else if (t instanceof TFloat32 f) {
      float[] tmp = floats(rows * width);
      f.copyTo(DataBuffers.of(tmp, false, false).slice(0, rows * width));
      for (int r = 0; r < rows; r++) {
        int from = r * width;
        int to = offset + r * stride;
        for (int i = 0; i < width; i++) {
          dst[to + i] = tmp[from + i];
        }
      }
    } else {
      read(t, rows * width, dst, offset); // reports the unsupported type
    }
  }

  private static double[] doubles(int n) {
    double[] d = DOUBLES.get();
    if (d.length < n) {
      d = new double[n];
      DOUBLES.set(d);
    }
    return d;
  }

  private static float[] floats(int n) {
    float[] f = FLOATS.get();
    if (f.length < n) {
      f = new float[n];
      FLOATS.set(f);
    }
    return f;
  }
}
