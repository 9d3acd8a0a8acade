package io.igstream.explain;

import java.util.Random;

/**
 * A ReLU MLP with a scalar head, {@code F(x) = h(z(x))}, {@code z(x) = v . relu(W2 relu(W1 x + b1)
 * + b2)} (one or two hidden layers), {@code h} the identity, the sigmoid or tanh, with its exact
 * IG, computed by tracing the path through the linear regions of {@code z}; optionally with values
 * and gradients rounded to float, as a float32 TensorFlow model returns them.
 *
 * <p>Along {@code x' + a (x - x')} every pre-activation is affine in {@code a} while the activation
 * pattern is fixed, so the next kink is the smallest root {@code a > a_0} of those affine
 * functions. In between, {@code grad z = c} is constant and {@code grad F = h'(z) c}, so with
 * {@code d = x - x'} the region {@code [a, b]} contributes {@code IG_i = d_i c_i (F(b) - F(a)) / (d
 * . c)} for any head (and {@code d_i (b - a) h'(z) c_i} when {@code d . c = 0}).
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017</a>
 */
final class ReluMlp {
  /** The scalar head {@code h} applied to the ReLU logit {@code z}. */
  enum Head {
    IDENTITY,
    SIGMOID,
    TANH;

    double value(double z) {
      return switch (this) {
        case IDENTITY -> z;
        case SIGMOID -> 1 / (1 + Math.exp(-z));
        case TANH -> Math.tanh(z);
      };
    }

    double slope(double z) {
      return switch (this) {
        case IDENTITY -> 1;
        case SIGMOID -> value(z) * (1 - value(z));
        case TANH -> 1 - value(z) * value(z);
      };
    }
  }

  private final double[][][] weights;
  private final double[][] biases;
  private final double[] output;
  private final Head head;
  private final boolean float32;

  private ReluMlp(
      double[][][] weights, double[][] biases, double[] output, Head head, boolean float32) {
    this.weights = weights;
    this.biases = biases;
    this.output = output;
    this.head = head;
    this.float32 = float32;
  }

  /** The same net with head {@code head}; {@code float32} rounds values and gradients to float. */
  ReluMlp withHead(Head head, boolean float32) {
    return new ReluMlp(weights, biases, output, head, float32);
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
    return new ReluMlp(w, b, TestFunctions.randomVector(random, fanIn, 1), Head.IDENTITY, false);
  }

  int dimension() {
    return weights[0][0].length;
  }

  GradientFunction function() {
    return TestFunctions.batched(dimension(), float32 ? this::rounded : this::valueAndGradient);
  }

  private double rounded(double[] x, double[] gradient) {
    double value = (float) valueAndGradient(x, gradient);
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] = (float) gradient[i];
    }
    return value;
  }

  /** {@code F(x)} and {@code grad F(x)} in double precision. */
  private double valueAndGradient(double[] x, double[] gradient) {
    double z = logitAndGradient(x, gradient);
    double slope = head.slope(z);
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] *= slope;
    }
    return head.value(z);
  }

  private double logitAndGradient(double[] x, double[] gradient) {
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

  /** Exact IG (in double precision) from {@code baseline} to {@code x}, region by region. */
  double[] exactIg(double[] x, double[] baseline) {
    int d = x.length;
    double[] direction = new double[d];
    for (int i = 0; i < d; i++) {
      direction[i] = x[i] - baseline[i];
    }
    double[] ig = new double[d];
    double[] c = new double[d];
    double alpha = 0;
    while (alpha < 1) {
      double next = Math.min(1, nextKink(baseline, direction, alpha));
      logitAndGradient(point(baseline, direction, 0.5 * (alpha + next)), c);
      double z0 = logitAndGradient(point(baseline, direction, alpha), new double[d]);
      double z1 = logitAndGradient(point(baseline, direction, next), new double[d]);
      // int_alpha^next h'(z(a)) da = (next - alpha) (h(z1) - h(z0)) / (z1 - z0), z being affine;
      // where z barely moves, h' at the midpoint (error O((z1 - z0)^2)).
      double weight =
          (next - alpha)
              * (Math.abs(z1 - z0) > 1e-6
                  ? (head.value(z1) - head.value(z0)) / (z1 - z0)
                  : head.slope(0.5 * (z0 + z1)));
      for (int i = 0; i < d; i++) {
        ig[i] += direction[i] * c[i] * weight;
      }
      alpha = next;
    }
    return ig;
  }

  private static double[] point(double[] baseline, double[] direction, double alpha) {
    double[] point = new double[baseline.length];
    for (int i = 0; i < point.length; i++) {
      point[i] = baseline[i] + alpha * direction[i];
    }
    return point;
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
