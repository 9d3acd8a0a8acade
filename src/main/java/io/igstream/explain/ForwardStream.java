package io.igstream.explain;

/**
 * Streams points to {@link PiecewiseAffineFunction#forward} in batches of at most {@code
 * maxBatchPoints()}, like {@link PointStream} does for gradients: reserve a row with {@link
 * #next(int)}, write the point, and receive {@code (slot, F, pre-activations)} when the batch is
 * flushed. Slots count from 0 in reservation order.
 */
final class ForwardStream {

  /** Receives evaluated points; {@code preactivations[offset..offset+U)} belong to slot. */
  interface Sink {
    void accept(int slot, double value, double[] preactivations, int offset);
  }

  private final PiecewiseAffineFunction function;
  private final int dimension;
  private final int units;
  private final Sink sink;
  private final int capacity;
  private final double[] points;
  private final int[] owners;
  private final double[] values;
  private final double[] preactivations;
  private int filled;
  private int flushedSlots;

  ForwardStream(PiecewiseAffineFunction function, int expectedPoints, Sink sink) {
    this.function = function;
    this.dimension = function.dimension();
    this.units = function.kinkUnits();
    this.sink = sink;
    this.capacity = Math.max(1, Math.min(function.maxBatchPoints(), expectedPoints));
    this.points = new double[capacity * dimension];
    this.owners = new int[capacity];
    this.values = new double[capacity];
    this.preactivations = new double[capacity * units];
  }

  double[] buffer() {
    return points;
  }

  /** Reserves the next point for request {@code owner}; returns its offset in {@link #buffer()}. */
  int next(int owner) {
    if (filled == capacity) {
      flush();
    }
    owners[filled] = owner;
    return filled++ * dimension;
  }

  void flush() {
    if (filled == 0) {
      return;
    }
    function.forward(points, owners, filled, values, preactivations);
    for (int k = 0; k < filled; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalStateException(
            "model returned a non-finite value for request " + owners[k]);
      }
      sink.accept(flushedSlots + k, values[k], preactivations, k * units);
    }
    flushedSlots += filled;
    filled = 0;
  }
}
