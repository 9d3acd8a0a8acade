package io.igstream.model;

import io.igstream.explain.KinkLayer;
import io.igstream.explain.PiecewiseAffineFunction;
import java.util.List;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * A TensorFlow gradient function whose graph {@link PiecewiseAnalysis} found piecewise affine up to
 * a smooth head: the gradient as usual, plus a forward run fetching {@code F} and the kink layers'
 * pre-activation tensors from a given layer on, in one {@code Session.run}, read straight into the
 * caller's per-point rows.
 */
final class TfPiecewiseFunction implements PiecewiseAffineFunction {
  private final TfGradientFunction gradient;
  private final List<KinkLayer> layers;
  private final boolean scalarHead;
  private final double rounding;
  // Per first layer f = 0..L: the fetches {F, pre_f, .., pre_L-1} and where each goes in a row.
  private final Output<?>[][] outputs;
  private final int[][] widths;
  private final int[][] offsets;
  private final int[][] strides;

  TfPiecewiseFunction(TfGradientFunction gradient, PiecewiseAnalysis.Verdict verdict) {
    this.gradient = gradient;
    this.layers = verdict.layers();
    this.scalarHead = verdict.scalarHead();
    this.rounding = roundingOf(gradient.target().dataType());
    int count = layers.size();
    this.outputs = new Output<?>[count + 1][];
    this.widths = new int[count + 1][];
    this.offsets = new int[count + 1][];
    this.strides = new int[count + 1][];
    for (int first = 0; first <= count; first++) {
      int fetched = count - first;
      int row = kinkUnits(first);
      outputs[first] = new Output<?>[1 + fetched];
      widths[first] = new int[1 + fetched];
      offsets[first] = new int[1 + fetched];
      strides[first] = new int[1 + fetched];
      outputs[first][0] = gradient.target();
      widths[first][0] = 1;
      strides[first][0] = 1;
      int at = 0;
      for (int j = 1; j <= fetched; j++) {
        outputs[first][j] = verdict.preactivations().get(first + j - 1);
        widths[first][j] = layers.get(first + j - 1).units();
        offsets[first][j] = at;
        strides[first][j] = row;
        at += widths[first][j];
      }
    }
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
  public void forward(
      double[] points, int[] owners, int count, int firstLayer, double[] values, double[] pre) {
    double[][] outs = new double[outputs[firstLayer].length][];
    outs[0] = values;
    for (int j = 1; j < outs.length; j++) {
      outs[j] = pre;
    }
    gradient.fetch(
        points,
        owners,
        count,
        new TfGradientFunction.Fetches(
            outputs[firstLayer],
            widths[firstLayer],
            outs,
            offsets[firstLayer],
            strides[firstLayer]));
  }
}
