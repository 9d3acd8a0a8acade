package io.igstream.explain;

import java.util.Random;

/**
 * A ReLU MLP {@code F(x) = v . relu(W2 relu(W1 x + b1) + b2) + c} (one or two hidden layers) with
 * its exact IG, computed by tracing the path through its linear regions.
 *
 * <p>Along {@code x' + a (x - x')} every pre-activation is affine in {@code a} while the activation
 * pattern is fixed, so the next kink is the smallest root {@code a > a_0} of those affine
 * functions, and {@code grad F} is constant in between: {@code IG_i = d_i sum_k len_k g_k,i}.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017</a>
 */
final class ReluMlp {
  private final double[][][] weights;
  private final double[][] biases;
  private final double[] output;

  private ReluMlp(double[][][] weights, double[][] biases, double[] output) {
    this.weights = weights;
    this.biases = biases;
    this.output = output;
  }

  /** Gaussian weights scaled by {@code 1/sqrt(fan-in)} after the first layer. */
  static ReluMlp random(long seed, int dimension, int... hidden) {
    Random random = new Random(seed);
    double[][][] w = new double[hidden.length][][];
    double[][] b = new double[hidden.length][];
    int fanIn = dimension;
    for (int l = 0; l < hidden.length; l++) {
      double scale = l == 0 ? 1 : 2 / Math.sqrt(fanIn);
      w[l] = new double[hidden[l]][];
      for (int h = 0; h < hidden[l]; h++) {
        w[l][h] = TestFunctions.randomVector(random, fanIn, scale);
      }
      b[l] = TestFunctions.randomVector(random, hidden[l], 1);
      fanIn = hidden[l];
    }
    return new ReluMlp(w, b, TestFunctions.randomVector(random, fanIn, 1));
  }

  int dimension() {
    return weights[0][0].length;
  }

  GradientFunction function() {
    return TestFunctions.batched(dimension(), this::valueAndGradient);
  }

  private double valueAndGradient(double[] x, double[] gradient) {
    int layers = weights.length;
    double[][] act = new double[layers + 1][];
    act[0] = x;
    for (int l = 0; l < layers; l++) {
      act[l + 1] = new double[weights[l].length];
      for (int h = 0; h < weights[l].length; h++) {
        act[l + 1][h] = Math.max(0, TestFunctions.dot(weights[l][h], act[l]) + biases[l][h]);
      }
    }
    double[] back = output.clone();
    for (int l = layers - 1; l >= 0; l--) {
      double[] next = new double[act[l].length];
      for (int h = 0; h < weights[l].length; h++) {
        if (act[l + 1][h] > 0) {
          for (int i = 0; i < next.length; i++) {
            next[i] += back[h] * weights[l][h][i];
          }
        }
      }
      back = next;
    }
    System.arraycopy(back, 0, gradient, 0, back.length);
    return TestFunctions.dot(output, act[layers]);
  }

  /** Exact IG from {@code baseline} to {@code x} by tracing the linear regions. */
  double[] exactIg(double[] x, double[] baseline) {
    int d = x.length;
    double[] direction = new double[d];
    for (int i = 0; i < d; i++) {
      direction[i] = x[i] - baseline[i];
    }
    double[] integral = new double[d];
    double[] point = new double[d];
    double[] gradient = new double[d];
    double alpha = 0;
    while (alpha < 1) {
      double next = Math.min(1, nextKink(baseline, direction, alpha));
      double middle = 0.5 * (alpha + next);
      for (int i = 0; i < d; i++) {
        point[i] = baseline[i] + middle * direction[i];
      }
      valueAndGradient(point, gradient);
      for (int i = 0; i < d; i++) {
        integral[i] += (next - alpha) * gradient[i];
      }
      alpha = next;
    }
    for (int i = 0; i < d; i++) {
      integral[i] *= direction[i];
    }
    return integral;
  }

  /** The smallest {@code a > from} where a pre-activation changes sign, given the pattern after. */
  private double nextKink(double[] baseline, double[] direction, double from) {
    double[] z = new double[d()];
    double[] dz = new double[d()];
    for (int i = 0; i < z.length; i++) {
      z[i] = baseline[i] + from * direction[i];
      dz[i] = direction[i];
    }
    double best = Double.POSITIVE_INFINITY;
    for (int l = 0; l < weights.length; l++) {
      double[] nz = new double[weights[l].length];
      double[] ndz = new double[weights[l].length];
      for (int h = 0; h < nz.length; h++) {
        double pre = TestFunctions.dot(weights[l][h], z) + biases[l][h];
        double slope = TestFunctions.dot(weights[l][h], dz);
        if (slope != 0 && -pre / slope > 1e-13) {
          best = Math.min(best, from - pre / slope);
        }
        boolean active = pre > 1e-12 || (pre > -1e-12 && slope > 0);
        nz[h] = active ? pre : 0;
        ndz[h] = active ? slope : 0;
      }
      z = nz;
      dz = ndz;
    }
    return best;
  }

  private int d() {
    return dimension();
  }
}
