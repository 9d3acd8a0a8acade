package io.igstream.explain;

/**
 * Streams points to a {@link GradientFunction} in batches of at most {@code maxBatchPoints()}:
 * callers {@link #next(int) reserve} a row of the shared buffer, write the point there, and receive
 * {@code (slot, F, grad F)} through the {@link Sink} when the batch is flushed. Slots are numbered
 * from 0 in the order points were reserved. Buffers are allocated once per stream and reused by
 * {@link #restart}.
 */
final class PointStream {

  /** Receives evaluated points; {@code gradients[offset..offset+d)} is the gradient of slot. */
  interface Sink {
    void accept(int slot, double value, double[] gradients, int offset);
  }

  private final GradientFunction function;
  private final int dimension;
  private final int maxBatch;
  private Sink sink;
  private int capacity;
  private double[] points = new double[0];
  private int[] owners = new int[0];
  private double[] values = new double[0];
  private double[] gradients = new double[0];
  private int filled;
  private int flushedSlots;

  /** A stream for about {@code expectedPoints} points (sizes the buffer, not a limit). */
  PointStream(GradientFunction function, int expectedPoints, Sink sink) {
    this(function);
    restart(expectedPoints, sink);
  }

  /**
   * A stream without a sink yet: {@link #restart} it before use. Its buffers are kept across
   * restarts (an adaptive integration streams one round after another through one stream).
   */
  PointStream(GradientFunction function) {
    int maxBatch = function.maxBatchPoints();
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatchPoints() must be >= 1, got " + maxBatch);
    }
    this.function = function;
    this.dimension = function.dimension();
    this.maxBatch = maxBatch;
  }

  /**
   * Starts a new stream of about {@code expectedPoints} points into {@code sink}, slots numbered
   * from 0 again. Points go to the function in batches of {@code min(maxBatchPoints(),
   * expectedPoints)}, as a fresh stream would send them; the buffers only grow.
   */
  void restart(int expectedPoints, Sink newSink) {
    if (filled != 0) {
      throw new IllegalStateException(filled + " points were reserved but never flushed");
    }
    this.sink = newSink;
    this.capacity = Math.max(1, Math.min(maxBatch, expectedPoints));
    this.flushedSlots = 0;
    if (owners.length < capacity) {
      points = new double[capacity * dimension];
      owners = new int[capacity];
      values = new double[capacity];
      gradients = new double[capacity * dimension];
    }
  }

  /** The buffer to write the reserved point into. */
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

  /** Evaluates the pending points and hands them to the sink. */
  void flush() {
    if (filled == 0) {
      return;
    }
    function.evaluate(points, owners, filled, values, gradients);
    for (int k = 0; k < filled; k++) {
      checkFinite(k);
      sink.accept(flushedSlots + k, values[k], gradients, k * dimension);
    }
    flushedSlots += filled;
    filled = 0;
  }

  private void checkFinite(int k) {
    boolean finite = Double.isFinite(values[k]);
    for (int i = k * dimension; finite && i < (k + 1) * dimension; i++) {
      finite = Double.isFinite(gradients[i]);
    }
    if (!finite) {
      throw new IllegalStateException(
          "model returned a non-finite value or gradient for request " + owners[k]);
    }
  }
}
