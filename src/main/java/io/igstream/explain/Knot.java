package io.igstream.explain;

/**
 * A point {@code x' + alpha (x - x')} of a path at which the model was run forward: {@code F} there
 * and the kink layers' pre-activations, with each layer's largest |pre-activation| (the scale its
 * rounding is measured against).
 */
final class Knot {
  final double alpha;
  double value;
  double[] preactivations;
  double[] layerScale;

  Knot(double alpha) {
    this.alpha = alpha;
  }

  /** Stores a forward result: {@code source[offset..offset+U)}, split into the given layers. */
  void set(double value, double[] source, int offset, int[] layerUnits) {
    this.value = value;
    int units = 0;
    for (int width : layerUnits) {
      units += width;
    }
    preactivations = new double[units];
    System.arraycopy(source, offset, preactivations, 0, units);
    layerScale = new double[layerUnits.length];
    int at = 0;
    for (int l = 0; l < layerUnits.length; l++) {
      double max = 0;
      for (int u = 0; u < layerUnits[l]; u++) {
        max = Math.max(max, Math.abs(preactivations[at + u]));
      }
      layerScale[l] = max;
      at += layerUnits[l];
    }
  }
}
