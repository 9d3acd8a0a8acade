package io.igstream.model;

import io.igstream.explain.GradientFunction;
import java.util.List;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * {@code F(x) = target} and {@code grad F} from one TensorFlow graph. All points of a call travel
 * in ONE {@code Session.run} as a {@code [count, d]} feed when every fed tensor has a batch
 * dimension and the target has one value per row; otherwise (e.g. scalar inputs, shape []) it falls
 * back to one run per point. Thread-safe: no mutable state besides per-thread scratch.
 */
final class TfGradientFunction implements GradientFunction {
  private final SavedModel model;
  private final String description;
  private final Feed x;
  private final List<Feed> sides;
  private final SideInputs sideValues;
  private final Output<?> target;
  private final Output<?> gradient;
  private final boolean perPoint;

  TfGradientFunction(
      SavedModel model,
      String description,
      Feed x,
      List<Feed> sides,
      SideInputs sideValues,
      Output<?> target,
      Output<?> gradient,
      boolean targetHasBatch) {
    this.model = model;
    this.description = description;
    this.x = x;
    this.sides = List.copyOf(sides);
    this.sideValues = sideValues;
    this.target = target;
    this.gradient = gradient;
    this.perPoint = !x.batched() || !targetHasBatch || sides.stream().anyMatch(s -> !s.batched());
  }

  @Override
  public int dimension() {
    return x.size();
  }

  /** Whether each point needs its own {@code Session.run} (no usable batch dimension). */
  boolean runsPerPoint() {
    return perPoint;
  }

  @Override
  public void evaluate(double[] points, int[] owners, int count, double[] values, double[] grads) {
    int d = x.size();
    if (points.length < count * d || values.length < count || grads.length < count * d) {
      throw new IllegalArgumentException(
          "arrays too short for " + count + " points of dimension " + d);
    }
    fetch(
        points,
        owners,
        count,
        new Fetches(
            new Output<?>[] {target, gradient},
            new int[] {1, d},
            new double[][] {values, grads},
            new int[] {0, 0},
            new int[] {1, d}));
  }

  /**
   * Tensors to fetch and where their rows go: fetch {@code j} has {@code widths[j]} values per
   * point, and point {@code k}'s go to {@code outs[j]} from {@code offsets[j] + k * strides[j]}
   * (several fetches can share one array, interleaved per point).
   */
  record Fetches(
      Output<?>[] outputs, int[] widths, double[][] outs, int[] offsets, int[] strides) {}

  /**
   * Runs the fetches at {@code count} points. Used for the gradient and, by the exact method, for
   * values and pre-activations.
   */
  void fetch(double[] points, int[] owners, int count, Fetches fetches) {
    model.withSession(
        session -> {
          if (perPoint) {
            for (int k = 0; k < count; k++) {
              run(session, points, owners, k, 1, fetches);
            }
          } else if (count > 0) {
            run(session, points, owners, 0, count, fetches);
          }
        });
  }

  /** The tensor {@code F} is read from. */
  Output<?> target() {
    return target;
  }

  private void run(
      Session session, double[] points, int[] owners, int start, int rows, Fetches fetches) {
    int d = x.size();
    Tensor[] fed = new Tensor[1 + sides.size()];
    try {
      fed[0] = TensorIo.create(x.type(), x.shape(rows), points, start * d);
      Session.Runner runner = session.runner().feed(x.output(), fed[0]);
      for (int s = 0; s < sides.size(); s++) {
        Feed side = sides.get(s);
        fed[s + 1] = side.sideTensor(sideValues, owners, start, rows);
        runner.feed(side.output(), fed[s + 1]);
      }
      for (Output<?> f : fetches.outputs()) {
        runner.fetch(f);
      }
      try (Result result = runner.run()) {
        for (int j = 0; j < fetches.outputs().length; j++) {
          int stride = fetches.strides()[j];
          TensorIo.readRows(
              result.get(j),
              rows,
              fetches.widths()[j],
              fetches.outs()[j],
              fetches.offsets()[j] + start * stride,
              stride);
        }
      } catch (ModelException e) {
        throw new ModelException(description + ": " + e.getMessage(), e);
      }
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      throw new ModelException(description + " failed in Session.run: " + e.getMessage(), e);
    } finally {
      for (Tensor t : fed) {
        if (t != null) {
          t.close();
        }
      }
    }
  }
}
