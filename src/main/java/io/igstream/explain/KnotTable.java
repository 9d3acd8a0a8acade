package io.igstream.explain;

import java.util.Arrays;
import java.util.List;

/**
 * The points {@code x' + alpha (x - x')} at which the exact method ran the model forward, for all
 * paths of one call, in flat arrays (no object per point): per knot its path, {@code alpha}, {@code
 * F}, and the kink layers' pre-activations with each layer's largest |pre-activation| (the scale
 * its rounding is measured against).
 *
 * <p>Only the layers a knot's pieces will still examine are kept: a knot cut at a crossing of layer
 * {@code L} bounds pieces on which layers up to {@code L} keep their pattern ({@code from = L +
 * 1}), so its pre-activations of those layers are never read; a knot cut at the last kink layer
 * keeps none, only {@code F}. Pre-activations are appended to one array; {@link #preBase(int)} is
 * where unit 0 of a knot would be, so unit {@code u >= unitStart(from)} is at {@code preBase + u}.
 */
final class KnotTable {
  private int layers;
  private int[] unitStart = new int[1];
  private int size;
  private int[] paths;
  private int[] from;
  private double[] alphas;
  private double[] values;
  private int[] preBase;
  private double[] scales;
  private double[] pre;
  private int preUsed;

  /** An empty table: {@link #reset} it for a function's kink layers before use. */
  KnotTable() {
    int capacity = 16;
    paths = new int[capacity];
    from = new int[capacity];
    alphas = new double[capacity];
    values = new double[capacity];
    preBase = new int[capacity];
    scales = new double[0];
    pre = new double[0];
  }

  /** Empties the table for a search over {@code kinkLayers}; the arrays are kept for reuse. */
  void reset(List<KinkLayer> kinkLayers) {
    if (kinkLayers.size() != layers) {
      layers = kinkLayers.size();
      unitStart = new int[layers + 1];
      scales = new double[paths.length * layers];
    }
    for (int l = 0; l < layers; l++) {
      unitStart[l + 1] = unitStart[l] + kinkLayers.get(l).units();
    }
    size = 0;
    preUsed = 0;
  }

  /** A new knot of {@code path} at {@code alpha} whose pieces examine layers from {@code from}. */
  int add(int path, double alpha, int fromLayer) {
    if (size == paths.length) {
      int capacity = 2 * size;
      paths = Arrays.copyOf(paths, capacity);
      from = Arrays.copyOf(from, capacity);
      alphas = Arrays.copyOf(alphas, capacity);
      values = Arrays.copyOf(values, capacity);
      preBase = Arrays.copyOf(preBase, capacity);
      scales = Arrays.copyOf(scales, capacity * layers);
    }
    paths[size] = path;
    alphas[size] = alpha;
    from[size] = fromLayer;
    return size++;
  }

  /**
   * Stores a forward result for {@code knot}: {@code F} and, of the pre-activations (unit {@code u}
   * at {@code source[base + u]}), the layers from the knot's {@code from} on, with their scales.
   */
  void store(int knot, double value, double[] source, int base) {
    values[knot] = value;
    int first = unitStart[from[knot]];
    int kept = unitStart[layers] - first;
    if (kept == 0) {
      return;
    }
    if (preUsed + kept > pre.length) {
      pre = Arrays.copyOf(pre, Math.max(2 * pre.length, preUsed + kept));
    }
    System.arraycopy(source, base + first, pre, preUsed, kept);
    preBase[knot] = preUsed - first;
    preUsed += kept;
    for (int l = from[knot]; l < layers; l++) {
      double max = 0;
      for (int u = unitStart[l]; u < unitStart[l + 1]; u++) {
        max = Math.max(max, Math.abs(pre[preBase[knot] + u]));
      }
      scales[knot * layers + l] = max;
    }
  }

  /** Stores {@code F} only (a knot no layer will be examined at). */
  void storeValue(int knot, double value) {
    values[knot] = value;
  }

  int size() {
    return size;
  }

  int path(int knot) {
    return paths[knot];
  }

  double alpha(int knot) {
    return alphas[knot];
  }

  double value(int knot) {
    return values[knot];
  }

  /** The largest |pre-activation| of layer {@code layer} at {@code knot}. */
  double scale(int knot, int layer) {
    return scales[knot * layers + layer];
  }

  /**
   * The pre-activations of every knot; unit {@code u} of knot {@code k} at {@code preBase(k) + u}.
   */
  double[] preactivations() {
    return pre;
  }

  int preBase(int knot) {
    return preBase[knot];
  }

  int layerCount() {
    return layers;
  }

  /** The index of layer {@code layer}'s first unit ({@code layer = layerCount()}: all units). */
  int unitStart(int layer) {
    return unitStart[layer];
  }
}
