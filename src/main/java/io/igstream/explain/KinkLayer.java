package io.igstream.explain;

import java.util.Arrays;

/**
 * One set of kinks of a piecewise-affine network: the pre-activations of an activation whose slope
 * jumps where a pre-activation crosses one of the {@code thresholds}, e.g. ReLU and LeakyReLU
 * ({@code 0}) or ReLU6 ({@code 0} and {@code 6}).
 *
 * @param name where the kinks are, for messages (e.g. the op's name)
 * @param units pre-activations per point (the layer's width)
 * @param thresholds the values at which the slope changes, ascending
 */
public record KinkLayer(String name, int units, double[] thresholds) {

  /** Checks the width and that the thresholds are finite and ascending; copies them. */
  public KinkLayer {
    if (units < 1) {
      throw new IllegalArgumentException("kink layer '" + name + "' needs units >= 1: " + units);
    }
    if (thresholds.length == 0) {
      throw new IllegalArgumentException("kink layer '" + name + "' needs a threshold");
    }
    thresholds = thresholds.clone();
    for (int t = 0; t < thresholds.length; t++) {
      if (!Double.isFinite(thresholds[t]) || (t > 0 && thresholds[t] <= thresholds[t - 1])) {
        throw new IllegalArgumentException(
            "kink layer '"
                + name
                + "' thresholds must be finite and ascending: "
                + Arrays.toString(thresholds));
      }
    }
  }

  /** A ReLU (or LeakyReLU) layer: one kink at 0. */
  public static KinkLayer relu(String name, int units) {
    return new KinkLayer(name, units, new double[] {0});
  }

  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  double threshold(int t) {
    return thresholds[t];
  }

  int thresholdCount() {
    return thresholds.length;
  }
}
