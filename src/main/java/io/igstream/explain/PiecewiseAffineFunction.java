package io.igstream.explain;

import java.util.List;

/**
 * A {@link GradientFunction} that is piecewise affine in its input up to a smooth head, {@code F(x)
 * = h(A_r x + c_r)} on each linear region {@code r}, together with the pre-activations whose
 * crossings of their thresholds separate the regions. ReLU networks (MatMul, BiasAdd, ReLU /
 * LeakyReLU / ReLU6, concatenation, inference-time dropout and batch norm) under a sigmoid,
 * softmax, tanh or identity output are such functions. It is what the exact method ({@link
 * IntegrationMethod#EXACT}) needs: the breakpoints of the path, and values at them.
 */
public interface PiecewiseAffineFunction extends GradientFunction {

  /**
   * The kink layers in topological order: a layer's pre-activations are affine along any piece of
   * the path on which no earlier layer changes its pattern (every layer it depends on comes before
   * it).
   */
  List<KinkLayer> kinkLayers();

  /**
   * Whether the head is a smooth function of ONE affine quantity per point (sigmoid of a single
   * logit, the logit itself, a difference of linear outputs): then the gradient keeps its direction
   * inside a linear region and one evaluation per region is exact. Otherwise (e.g. a softmax over
   * several logits) each region is integrated with Gauss&ndash;Legendre nodes.
   */
  boolean scalarHead();

  /**
   * The relative rounding of the model's arithmetic (about {@code 6e-8} for float32, {@code 1e-16}
   * for float64): pre-activations within a few of these of a threshold are treated as on it.
   */
  double relativeRounding();

  /**
   * Evaluates {@code F} and the pre-activations of the kink layers from {@code firstLayer} on (no
   * gradient) at {@code count} points. The exact method asks only for the layers it will still
   * examine: the layers before a cut's layer are settled on its pieces, and after a cut at the last
   * kink layer ({@code firstLayer = kinkLayers().size()}) only {@code F} is needed.
   *
   * @param firstLayer the first kink layer wanted, {@code 0..kinkLayers().size()}
   * @param preactivations receives, for point {@code k}, the units of layers {@code firstLayer..}
   *     in {@link #kinkLayers()} order, concatenated, at {@code [k*W, (k+1)*W)} with {@code W} =
   *     {@link #kinkUnits(int) kinkUnits(firstLayer)}
   */
  void forward(
      double[] points,
      int[] owners,
      int count,
      int firstLayer,
      double[] values,
      double[] preactivations);

  /** {@code U}: the number of pre-activations per point, over all kink layers. */
  default int kinkUnits() {
    return kinkUnits(0);
  }

  /** The number of pre-activations per point of the kink layers from {@code firstLayer} on. */
  default int kinkUnits(int firstLayer) {
    List<KinkLayer> layers = kinkLayers();
    int units = 0;
    for (int l = firstLayer; l < layers.size(); l++) {
      units += layers.get(l).units();
    }
    return units;
  }
}
