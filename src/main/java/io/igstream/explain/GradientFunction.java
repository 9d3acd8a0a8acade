package io.igstream.explain;

/**
 * A scalar function {@code F: R^d -> R} together with its gradient, evaluated on a batch of points.
 *
 * <p>This is the only thing the Integrated Gradients math needs from a model. Implementations
 * choose the target (one output, a difference of outputs, a logit) before differentiating, so
 * {@code F} is always a scalar.
 *
 * <p>Arrays are flat and row-major so that a whole batch of events &times; path steps travels to
 * the model in one call without per-point allocation.
 */
public interface GradientFunction {

  /** The number of features {@code d} of every point. */
  int dimension();

  /**
   * Evaluates {@code F} and {@code grad F} at {@code count} points.
   *
   * @param points {@code count * dimension()} values, point {@code k} at {@code [k*d, (k+1)*d)}
   * @param owners for each point, the index of the event (request) it belongs to; lets a model feed
   *     per-event side inputs (e.g. the other inputs of a multi-input model)
   * @param count number of points to evaluate
   * @param values receives {@code F(point_k)} at index {@code k}
   * @param gradients receives {@code grad F(point_k)} at {@code [k*d, (k+1)*d)}
   */
  void evaluate(double[] points, int[] owners, int count, double[] values, double[] gradients);

  /** The largest number of points one {@link #evaluate} call should carry; callers split. */
  default int maxBatchPoints() {
    return 8192;
  }
}
