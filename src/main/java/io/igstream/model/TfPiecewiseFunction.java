package io.igstream.model;

import io.igstream.explain.KinkLayer;
import io.igstream.explain.PiecewiseAffineFunction;
import java.util.List;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * A TensorFlow gradient function whose graph {@link PiecewiseAnalysis} found piecewise affine up to
 * a smooth head: the gradient as usual, plus a forward run fetching {@code F} and every kink
 * layer's pre-activation tensor in one {@code Session.run}.
 */
final class TfPiecewiseFunction implements PiecewiseAffineFunction {
  private final TfGradientFunction gradient;
  private final Output<?>[] fetches;
  private final int[] widths;
  private final List<KinkLayer> layers;
  private final int units;
  private final boolean scalarHead;
  private final double rounding;

  TfPiecewiseFunction(TfGradientFunction gradient, PiecewiseAnalysis.Verdict verdict) {
    this.gradient = gradient;
    this.layers = verdict.layers();
    this.fetches = new Output<?>[1 + layers.size()];
    this.widths = new int[1 + layers.size()];
    fetches[0] = gradient.target();
    widths[0] = 1;
    for (int l = 0; l < layers.size(); l++) {
      fetches[l + 1] = verdict.preactivations().get(l);
      widths[l + 1] = layers.get(l).units();
    }
    this.units = kinkUnits();
    this.scalarHead = verdict.scalarHead();
    this.rounding = roundingOf(gradient.target().dataType());
  }

  /** Unit roundoff of the type the model computes in (its output's). */
  static double roundingOf(DataType type) {
    return switch (type) {
      case DT_DOUBLE -> 0x1p-53;
      case DT_HALF -> 0x1p-11;
      case DT_BFLOAT16 -> 0x1p-8;
      default -> 0x1p-24;
    };
  }

  @Override
  public int dimension() {
    return gradient.dimension();
  }

  @Override
  public int maxBatchPoints() {
    return gradient.maxBatchPoints();
  }

  @Override
  public void evaluate(double[] points, int[] owners, int count, double[] values, double[] grads) {
    gradient.evaluate(points, owners, count, values, grads);
  }

  @Override
  public List<KinkLayer> kinkLayers() {
    return layers;
  }

  @Override
  public boolean scalarHead() {
    return scalarHead;
  }

  @Override
  public double relativeRounding() {
    return rounding;
  }

  @Override
  public void forward(double[] points, int[] owners, int count, double[] values, double[] pre) {
    double[][] outs = new double[fetches.length][];
    outs[0] = values;
    for (int l = 1; l < fetches.length; l++) {
      outs[l] = new double[count * widths[l]];
    }
    gradient.fetch(points, owners, count, fetches, widths, outs);
    int at = 0;
    for (int l = 1; l < fetches.length; l++) {
      int width = widths[l];
      for (int k = 0; k < count; k++) {
        System.arraycopy(outs[l], k * width, pre, k * units + at, width);
      }
      at += width;
    }
  }
}
