package io.igstream.explain;

/**
 * Streams points to {@link PiecewiseAffineFunction#forward} in batches of at most {@code
 * maxBatchPoints()}, like {@link PointStream} does for gradients: reserve a row with {@link
 * #next(int)}, write the point, and receive {@code (slot, F, pre-activations)} when the batch is
 * flushed. Only the kink layers from the stream's first layer on are fetched. Slots count from 0 in
 * reservation order. Buffers are allocated once per stream and reused by {@link #restart} (the
 * breakpoint search streams one round after another).
 */
final class ForwardStream {

  /**
   * Receives evaluated points: unit {@code u} of the slot (counted over all kink layers, {@code u}
   * at least the first fetched layer's first unit) is at {@code preactivations[base + u]}.
   */
  interface Sink {
    void accept(int slot, double value, double[] preactivations, int base);
  }

  private final PiecewiseAffineFunction function;
  private final int dimension;
  private final int maxBatch;
  private Sink sink;
  private int capacity;
  private int firstLayer;
  private int skipped;
  private int units;
  private double[] points = new double[0];
  private int[] owners = new int[0];
  private double[] values = new double[0];
  private double[] preactivations = new double[0];
  private int filled;
  private int flushedSlots;

  /** A stream without a sink yet: {@link #restart} it before each use. */
  ForwardStream(PiecewiseAffineFunction function) {
    this.function = function;
    this.dimension = function.dimension();
    this.maxBatch = Math.max(1, function.maxBatchPoints());
  }

  /**
   * Starts a new stream of about {@code expectedPoints} points into {@code sink}, fetching the kink
   * layers from {@code first} on, slots from 0 again, in batches of {@code min(maxBatchPoints(),
   * expectedPoints)}; the buffers only grow.
   */
  void restart(int expectedPoints, int first, Sink newSink) {
    if (filled != 0) {
      throw new IllegalStateException(filled + " points were reserved but never flushed");
    }
    this.sink = newSink;
    this.capacity = Math.max(1, Math.min(maxBatch, expectedPoints));
    this.flushedSlots = 0;
    this.firstLayer = first;
    this.units = function.kinkUnits(first);
    this.skipped = function.kinkUnits() - units;
    if (owners.length < capacity) {
      points = new double[capacity * dimension];
      owners = new int[capacity];
      values = new double[capacity];
      preactivations = new double[capacity * function.kinkUnits()];
    }
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
    function.forward(points, owners, filled, firstLayer, values, preactivations);
    for (int k = 0; k < filled; k++) {
      if (!Double.isFinite(values[k])) {
        throw new IllegalStateException(
            "model returned a non-finite value for request " + owners[k]);
      }
      sink.accept(flushedSlots + k, values[k], preactivations, k * units - skipped);
    }
    flushedSlots += filled;
    filled = 0;
  }
}
