package io.igstream.model;

import io.igstream.explain.PathRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Layer IG: the straight path runs between the layer activations {@code h(x')} and {@code h(x)},
 * and the function integrated is the rest of the network from that layer, so completeness still
 * reads {@code sum(attributions) = F(x) - F(x')}.
 */
final class LayerPaths {
  private LayerPaths() {}

  /** Maps every input and baseline through the layer, in one forward run. */
  static List<PathRequest> toLayer(Layer layer, List<PathRequest> requests) {
    int d = requests.get(0).dimension();
    int count = 0;
    for (PathRequest r : requests) {
      count += 1 + r.baselines().size();
    }
    double[] points = new double[count * d];
    int[] owners = new int[count];
    int k = 0;
    for (int i = 0; i < requests.size(); i++) {
      PathRequest r = requests.get(i);
      System.arraycopy(r.input(), 0, points, k * d, d);
      owners[k++] = i;
      for (double[] b : r.baselines()) {
        System.arraycopy(b, 0, points, k * d, d);
        owners[k++] = i;
      }
    }
    double[] h = layer.activations(points, owners, count);
    int m = layer.dimension();
    List<PathRequest> out = new ArrayList<>(requests.size());
    k = 0;
    for (PathRequest r : requests) {
      double[] input = slice(h, k++, m);
      List<double[]> baselines = new ArrayList<>();
      for (int j = 0; j < r.baselines().size(); j++) {
        baselines.add(slice(h, k++, m));
      }
      out.add(new PathRequest(input, baselines));
    }
    return out;
  }

  private static double[] slice(double[] flat, int row, int width) {
    double[] out = new double[width];
    System.arraycopy(flat, row * width, out, 0, width);
    return out;
  }
}
