package io.igstream.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * One event to explain: the input {@code x} and its concrete baseline vectors {@code x'_j} (one, or
 * several for expected IG). A request can carry its own baselines (per-event override) or take them
 * from a configured {@link Baseline} via {@link #of(double[], Baseline)}.
 *
 * <p>For layer IG pass the layer activations {@code h(x)} and {@code h(x')} here, together with a
 * {@link GradientFunction} of the rest of the network from that layer.
 *
 * <p>Arrays are copied in and out; dimensions and finiteness are checked by {@link
 * IntegratedGradients#explain}, which knows the request's index and the model's dimension.
 */
public record PathRequest(double[] input, List<double[]> baselines) {

  /** Copies the vectors; rejects an empty baseline list. */
  public PathRequest {
    if (baselines.isEmpty()) {
      throw new IllegalArgumentException("a path request needs at least one baseline");
    }
    input = input.clone();
    List<double[]> copies = new ArrayList<>(baselines.size());
    for (double[] baseline : baselines) {
      copies.add(baseline.clone());
    }
    baselines = List.copyOf(copies);
  }

  /** A request with one baseline vector. */
  public static PathRequest of(double[] input, double[] baseline) {
    return new PathRequest(input, List.of(baseline));
  }

  /** A request whose baselines are {@code baseline} resolved to the input's dimension. */
  public static PathRequest of(double[] input, Baseline baseline) {
    return new PathRequest(input, baseline.resolve(input.length));
  }

  @Override
  public double[] input() {
    return input.clone();
  }

  @Override
  public List<double[]> baselines() {
    return baselines.stream().map(double[]::clone).toList();
  }

  /** The number of features of the input. */
  public int dimension() {
    return input.length;
  }
}
