package io.igstream.model;

import io.igstream.explain.GradientFunction;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the model runs behind a gradient function: how many {@code evaluate} calls (one {@code
 * Session.run} each for batched inputs) and how many points they carried. Events per run is the
 * measure of batching the streaming explainer reports.
 */
final class CountingGradient implements GradientFunction {
  private final GradientFunction delegate;
  private final LongAdder runs = new LongAdder();
  private final LongAdder points = new LongAdder();

  CountingGradient(GradientFunction delegate) {
    this.delegate = delegate;
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public int maxBatchPoints() {
    return delegate.maxBatchPoints();
  }

  @Override
  public void evaluate(double[] points, int[] owners, int count, double[] values, double[] grads) {
    delegate.evaluate(points, owners, count, values, grads);
    runs.increment();
    this.points.add(count);
  }

  long runs() {
    return runs.sum();
  }

  long points() {
    return points.sum();
  }
}
