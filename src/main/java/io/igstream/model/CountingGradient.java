package io.igstream.model;

import io.igstream.explain.GradientFunction;
import io.igstream.explain.KinkLayer;
import io.igstream.explain.PiecewiseAffineFunction;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the model runs behind a gradient function: how many {@code evaluate} calls (one {@code
 * Session.run} each for batched inputs) and how many points they carried. Events per run is the
 * measure of batching the streaming explainer reports.
 */
class CountingGradient implements GradientFunction {
  private final GradientFunction delegate;
  private final LongAdder runs = new LongAdder();
  private final LongAdder points = new LongAdder();

  private CountingGradient(GradientFunction delegate) {
    this.delegate = delegate;
  }

  /** Counts {@code delegate}'s runs; stays a {@link PiecewiseAffineFunction} if it is one. */
  static CountingGradient of(GradientFunction delegate) {
    return delegate instanceof PiecewiseAffineFunction piecewise
        ? new Piecewise(piecewise)
        : new CountingGradient(delegate);
  }

  /** Forward runs of the exact method count as model runs too. */
  private static final class Piecewise extends CountingGradient implements PiecewiseAffineFunction {
    private final PiecewiseAffineFunction piecewise;

    Piecewise(PiecewiseAffineFunction piecewise) {
      super(piecewise);
      this.piecewise = piecewise;
    }

    @Override
    public List<KinkLayer> kinkLayers() {
      return piecewise.kinkLayers();
    }

    @Override
    public boolean scalarHead() {
      return piecewise.scalarHead();
    }

    @Override
    public double relativeRounding() {
      return piecewise.relativeRounding();
    }

    @Override
    public void forward(
        double[] points,
        int[] owners,
        int count,
        int firstLayer,
        double[] values,
        double[] preactivations) {
      piecewise.forward(points, owners, count, firstLayer, values, preactivations);
      count(count);
    }
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
    count(count);
  }

  final void count(int pointCount) {
    runs.increment();
    points.add(pointCount);
  }

  long runs() {
    return runs.sum();
  }

  long points() {
    return points.sum();
  }
}
