package io.igstream.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small models with analytic gradients, and a wrapper that records calls. */
final class TestFunctions {
  private TestFunctions() {}

  /** A function given point-wise: writes {@code grad F(x)} to {@code gradient}, returns F(x). */
  interface PointFunction {
    double apply(double[] x, double[] gradient);
  }

  /** Adapts a point-wise function to the batched contract. */
  static GradientFunction batched(int dimension, PointFunction pointFunction) {
    return new GradientFunction() {
      @Override
      public int dimension() {
        return dimension;
      }

      @Override
      public void evaluate(
          double[] points, int[] owners, int count, double[] values, double[] gradients) {
        double[] x = new double[dimension];
        double[] g = new double[dimension];
        for (int k = 0; k < count; k++) {
          System.arraycopy(points, k * dimension, x, 0, dimension);
          values[k] = pointFunction.apply(x, g);
          System.arraycopy(g, 0, gradients, k * dimension, dimension);
        }
      }
    };
  }

  /** {@code F(x) = w.x + b}. */
  static GradientFunction linear(double[] w, double b) {
    return batched(
        w.length,
        (x, g) -> {
          System.arraycopy(w, 0, g, 0, w.length);
          return dot(w, x) + b;
        });
  }

  /** {@code F(x) = exp(a.x)}. */
  static GradientFunction expDot(double[] a) {
    return batched(
        a.length,
        (x, g) -> {
          double f = Math.exp(dot(a, x));
          for (int i = 0; i < a.length; i++) {
            g[i] = a[i] * f;
          }
          return f;
        });
  }

  /**
   * Exact IG of {@code exp(a.x)}: {@code IG_i = d_i a_i (F(x) - F(x')) / (a.d)}, {@code d = x -
   * x'}.
   */
  static double[] expDotExactIg(double[] a, double[] x, double[] baseline) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = x[i] - baseline[i];
    }
    double delta = Math.exp(dot(a, x)) - Math.exp(dot(a, baseline));
    double ad = dot(a, d);
    double[] ig = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      ig[i] = d[i] * a[i] * delta / ad;
    }
    return ig;
  }

  /** {@code F(x) = v . tanh(W x + b)}, a smooth one-hidden-layer net. */
  static GradientFunction tanhNet(double[][] w, double[] b, double[] v) {
    int dimension = w[0].length;
    return batched(
        dimension,
        (x, g) -> {
          java.util.Arrays.fill(g, 0);
          double f = 0;
          for (int h = 0; h < w.length; h++) {
            double t = Math.tanh(dot(w[h], x) + b[h]);
            f += v[h] * t;
            for (int i = 0; i < dimension; i++) {
              g[i] += v[h] * (1 - t * t) * w[h][i];
            }
          }
          return f;
        });
  }

  /** A one-hidden-layer ReLU net {@code F(x) = v . relu(W x + b) + c} with exact IG. */
  record ReluNet(double[][] w, double[] b, double[] v, double c) {
    static ReluNet random(int dimension, int hidden, long seed) {
      Random random = new Random(seed);
      double[][] w = new double[hidden][dimension];
      double[] b = new double[hidden];
      double[] v = new double[hidden];
      for (int h = 0; h < hidden; h++) {
        for (int i = 0; i < dimension; i++) {
          w[h][i] = random.nextGaussian();
        }
        b[h] = random.nextGaussian();
        v[h] = random.nextGaussian();
      }
      return new ReluNet(w, b, v, 0.3);
    }

    GradientFunction function() {
      int dimension = w[0].length;
      return batched(
          dimension,
          (x, g) -> {
            java.util.Arrays.fill(g, 0);
            double f = c;
            for (int h = 0; h < w.length; h++) {
              double z = dot(w[h], x) + b[h];
              if (z > 0) {
                f += v[h] * z;
                for (int i = 0; i < dimension; i++) {
                  g[i] += v[h] * w[h][i];
                }
              }
            }
            return f;
          });
    }

    /**
     * Exact IG by piecewise integration: {@code z_h} is linear along the path, so unit {@code h} is
     * active on a fraction {@code phi_h} of {@code [0,1]}, and {@code IG_i = d_i sum_h v_h W_hi
     * phi_h}.
     */
    double[] exactIg(double[] x, double[] baseline) {
      int dimension = x.length;
      double[] ig = new double[dimension];
      for (int h = 0; h < w.length; h++) {
        double z0 = dot(w[h], baseline) + b[h];
        double z1 = dot(w[h], x) + b[h];
        double active;
        if (z1 == z0) {
          active = z0 > 0 ? 1 : 0;
        } else {
          double root = -z0 / (z1 - z0);
          active = z1 > z0 ? 1 - root : root;
          active = Math.min(1, Math.max(0, active));
        }
        for (int i = 0; i < dimension; i++) {
          ig[i] += (x[i] - baseline[i]) * v[h] * w[h][i] * active;
        }
      }
      return ig;
    }
  }

  /** Records each {@code evaluate} call's point count and owners. */
  static final class Counting implements GradientFunction {
    final GradientFunction delegate;
    final int maxBatch;
    final List<int[]> ownersPerCall = new ArrayList<>();
    final List<double[]> pointsPerCall = new ArrayList<>();

    Counting(GradientFunction delegate, int maxBatch) {
      this.delegate = delegate;
      this.maxBatch = maxBatch;
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public int maxBatchPoints() {
      return maxBatch;
    }

    @Override
    public void evaluate(
        double[] points, int[] owners, int count, double[] values, double[] gradients) {
      if (count > maxBatch) {
        throw new AssertionError("batch of " + count + " exceeds " + maxBatch);
      }
      ownersPerCall.add(java.util.Arrays.copyOf(owners, count));
      pointsPerCall.add(java.util.Arrays.copyOf(points, count * dimension()));
      delegate.evaluate(points, owners, count, values, gradients);
    }

    int calls() {
      return ownersPerCall.size();
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  static double l1Distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s;
  }

  static double[] randomVector(Random random, int dimension, double scale) {
    double[] v = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = scale * random.nextGaussian();
    }
    return v;
  }
}
