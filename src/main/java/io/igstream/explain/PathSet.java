package io.igstream.explain;

import java.util.List;
import java.util.SplittableRandom;

/**
 * All straight-line paths {@code x' -> x} of one {@code explain} call, in flat row-major arrays:
 * for request {@code r}, noise sample {@code s} and baseline {@code j} the path index is {@code
 * firstPath(r) + s * baselineCount(r) + j}. Also holds the "probe" points {@code x_r} (un-noised
 * inputs) whose value is needed as the prediction when smoothing.
 */
final class PathSet {
  private final int dimension;
  private final int samples;
  private final int[] firstPath;
  private final int[] baselineCount;
  private final int[] owners;
  private final double[] starts;
  private final double[] ends;
  private final double[] differences;
  private final double[] probes;

  private PathSet(
      int dimension,
      int samples,
      int[] firstPath,
      int[] baselineCount,
      int[] owners,
      double[] starts,
      double[] ends,
      double[] probes) {
    this.dimension = dimension;
    this.samples = samples;
    this.firstPath = firstPath;
    this.baselineCount = baselineCount;
    this.owners = owners;
    this.starts = starts;
    this.ends = ends;
    this.probes = probes;
    // x - x' per path, once: every point written and every gradient weighted needs it.
    this.differences = new double[ends.length];
    for (int at = 0; at < ends.length; at++) {
      differences[at] = ends[at] - starts[at];
    }
  }

  /** Lays out the paths of validated {@code requests}, drawing noise when smoothing. */
  static PathSet build(List<PathRequest> requests, int dimension, Smoothing smoothing) {
    int samples = smoothing.enabled() ? smoothing.samples() : 1;
    int requestCount = requests.size();
    int[] firstPath = new int[requestCount];
    int[] baselineCount = new int[requestCount];
    int pathCount = 0;
    for (int r = 0; r < requestCount; r++) {
      firstPath[r] = pathCount;
      baselineCount[r] = requests.get(r).baselines().size();
      pathCount += samples * baselineCount[r];
    }
    int[] owners = new int[pathCount];
    double[] starts = new double[pathCount * dimension];
    double[] ends = new double[pathCount * dimension];
    double[] probes = new double[smoothing.enabled() ? requestCount * dimension : 0];
    double[] noisy = new double[dimension];
    for (int r = 0; r < requestCount; r++) {
      PathRequest request = requests.get(r);
      double[] input = request.input();
      List<double[]> baselines = request.baselines();
      SplittableRandom random = smoothing.enabled() ? noiseFor(input, smoothing.seed()) : null;
      if (smoothing.enabled()) {
        System.arraycopy(input, 0, probes, r * dimension, dimension);
      }
      for (int s = 0; s < samples; s++) {
        for (int i = 0; i < dimension; i++) {
          noisy[i] =
              random == null ? input[i] : input[i] + smoothing.stdev() * random.nextGaussian();
        }
        for (int j = 0; j < baselines.size(); j++) {
          int path = firstPath[r] + s * baselineCount[r] + j;
          owners[path] = r;
          System.arraycopy(baselines.get(j), 0, starts, path * dimension, dimension);
          System.arraycopy(noisy, 0, ends, path * dimension, dimension);
        }
      }
    }
    return new PathSet(dimension, samples, firstPath, baselineCount, owners, starts, ends, probes);
  }

  /** Noise depends on the seed and the input only, not on the request's position in a batch. */
  private static SplittableRandom noiseFor(double[] input, long seed) {
    long mixed = seed;
    for (double value : input) {
      mixed = 31 * mixed + Double.doubleToLongBits(value);
    }
    return new SplittableRandom(seed ^ new SplittableRandom(mixed).nextLong());
  }

  int dimension() {
    return dimension;
  }

  int pathCount() {
    return owners.length;
  }

  int requestCount() {
    return firstPath.length;
  }

  int samples() {
    return samples;
  }

  int firstPath(int request) {
    return firstPath[request];
  }

  int baselineCount(int request) {
    return baselineCount[request];
  }

  /** The request index of {@code path}. */
  int owner(int path) {
    return owners[path];
  }

  /** {@code x_i - x'_i} of {@code path}. */
  double difference(int path, int feature) {
    return differences[path * dimension + feature];
  }

  /** Writes {@code x' + alpha (x - x')} of {@code path} to {@code dest[at..at+d)}. */
  void writePoint(int path, double alpha, double[] dest, int at) {
    int from = path * dimension;
    if (alpha == 0) {
      System.arraycopy(starts, from, dest, at, dimension);
    } else if (alpha == 1) {
      System.arraycopy(ends, from, dest, at, dimension);
    } else {
      for (int i = 0; i < dimension; i++) {
        dest[at + i] = starts[from + i] + alpha * differences[from + i];
      }
    }
  }

  /** The number of probe points (un-noised inputs, one per request when smoothing, else 0). */
  int probeCount() {
    return probes.length / dimension;
  }

  /** Writes probe {@code k} (belonging to request {@code k}) to {@code dest[at..at+d)}. */
  void writeProbe(int k, double[] dest, int at) {
    System.arraycopy(probes, k * dimension, dest, at, dimension);
  }
}
