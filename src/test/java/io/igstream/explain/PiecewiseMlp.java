package io.igstream.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A feed-forward net of ReLU / ReLU6 / LeakyReLU layers under an identity, sigmoid or softmax head,
 * written out in Java as an independent model for the exact method: values, gradients by
 * back-propagation, pre-activations, and a brute-force midpoint-rule IG.
 */
final class PiecewiseMlp implements PiecewiseAffineFunction {
  enum Activation {
    RELU,
    RELU6,
    LEAKY;

    double apply(double z) {
      return switch (this) {
        case RELU -> Math.max(0, z);
        case RELU6 -> Math.min(6, Math.max(0, z));
        case LEAKY -> z > 0 ? z : 0.1 * z;
      };
    }

    double slope(double z) {
      return switch (this) {
        case RELU -> z > 0 ? 1 : 0;
        case RELU6 -> z > 0 && z < 6 ? 1 : 0;
        case LEAKY -> z > 0 ? 1 : 0.1;
      };
    }

    KinkLayer kinks(String name, int units) {
      return this == RELU6
          ? new KinkLayer(name, units, new double[] {0, 6})
          : KinkLayer.relu(name, units);
    }
  }

  enum Head {
    IDENTITY,
    SIGMOID,
    SOFTMAX
  }

  private final double[][][] weights;
  private final double[][] biases;
  private final Activation[] activations;
  private final double[][] output;
  private final double[] outputBias;
  private final Head head;
  private final List<KinkLayer> layers = new ArrayList<>();

  PiecewiseMlp(long seed, int dimension, Head head, Activation activation, int... hidden) {
    this(seed, dimension, head, activation, 1.0, hidden);
  }

  /** As above with biases drawn with standard deviation {@code biasScale} (0: no biases). */
  PiecewiseMlp(
      long seed, int dimension, Head head, Activation activation, double biasScale, int... hidden) {
    Random random = new Random(seed);
    this.weights = new double[hidden.length][][];
    this.biases = new double[hidden.length][];
    this.activations = new Activation[hidden.length];
    int fanIn = dimension;
    for (int l = 0; l < hidden.length; l++) {
      double scale = l == 0 ? 1 : 2 / Math.sqrt(fanIn);
      weights[l] = new double[hidden[l]][];
      for (int h = 0; h < hidden[l]; h++) {
        weights[l][h] = TestFunctions.randomVector(random, fanIn, scale);
      }
      biases[l] = TestFunctions.randomVector(random, hidden[l], biasScale);
      activations[l] = activation;
      layers.add(activation.kinks("layer" + l, hidden[l]));
      fanIn = hidden[l];
    }
    int outputs = head == Head.SOFTMAX ? 3 : 1;
    this.output = new double[outputs][];
    for (int k = 0; k < outputs; k++) {
      output[k] = TestFunctions.randomVector(random, fanIn, 2 / Math.sqrt(fanIn));
    }
    this.outputBias = TestFunctions.randomVector(random, outputs, 0.5);
    this.head = head;
  }

  @Override
  public int dimension() {
    return weights[0][0].length;
  }

  @Override
  public List<KinkLayer> kinkLayers() {
    return layers;
  }

  @Override
  public boolean scalarHead() {
    return head != Head.SOFTMAX;
  }

  @Override
  public double relativeRounding() {
    return 0x1p-53;
  }

  @Override
  public void evaluate(double[] points, int[] owners, int count, double[] values, double[] grads) {
    int d = dimension();
    double[] x = new double[d];
    double[] g = new double[d];
    for (int k = 0; k < count; k++) {
      System.arraycopy(points, k * d, x, 0, d);
      values[k] = run(x, g, null);
      System.arraycopy(g, 0, grads, k * d, d);
    }
  }

  @Override
  public void forward(
      double[] points, int[] owners, int count, int firstLayer, double[] values, double[] pre) {
    int d = dimension();
    int units = kinkUnits();
    int wanted = kinkUnits(firstLayer);
    double[] x = new double[d];
    double[] z = new double[units];
    for (int k = 0; k < count; k++) {
      System.arraycopy(points, k * d, x, 0, d);
      values[k] = run(x, null, z);
      System.arraycopy(z, units - wanted, pre, k * wanted, wanted);
    }
  }

  /** F(x); the gradient into {@code gradient} and the pre-activations into {@code pre} if given. */
  double run(double[] x, double[] gradient, double[] pre) {
    int depth = weights.length;
    double[][] z = new double[depth][];
    double[][] act = new double[depth + 1][];
    act[0] = x;
    int at = 0;
    for (int l = 0; l < depth; l++) {
      z[l] = new double[weights[l].length];
      act[l + 1] = new double[weights[l].length];
      for (int h = 0; h < z[l].length; h++) {
        z[l][h] = TestFunctions.dot(weights[l][h], act[l]) + biases[l][h];
        act[l + 1][h] = activations[l].apply(z[l][h]);
      }
      if (pre != null) {
        System.arraycopy(z[l], 0, pre, at, z[l].length);
        at += z[l].length;
      }
    }
    double[] logits = new double[output.length];
    for (int k = 0; k < logits.length; k++) {
      logits[k] = TestFunctions.dot(output[k], act[depth]) + outputBias[k];
    }
    double[] dLogits = new double[logits.length];
    double value = head(logits, dLogits);
    if (gradient != null) {
      double[] back = new double[act[depth].length];
      for (int k = 0; k < logits.length; k++) {
        for (int h = 0; h < back.length; h++) {
          back[h] += dLogits[k] * output[k][h];
        }
      }
      for (int l = depth - 1; l >= 0; l--) {
        double[] next = new double[act[l].length];
        for (int h = 0; h < weights[l].length; h++) {
          double delta = back[h] * activations[l].slope(z[l][h]);
          for (int i = 0; i < next.length; i++) {
            next[i] += delta * weights[l][h][i];
          }
        }
        back = next;
      }
      System.arraycopy(back, 0, gradient, 0, back.length);
    }
    return value;
  }

  /** The head's value (class 0 for softmax) and its derivative w.r.t. the logits. */
  private double head(double[] logits, double[] dLogits) {
    switch (head) {
      case IDENTITY -> {
        dLogits[0] = 1;
        return logits[0];
      }
      case SIGMOID -> {
        double s = 1 / (1 + Math.exp(-logits[0]));
        dLogits[0] = s * (1 - s);
        return s;
      }
      default -> {
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double sum = 0;
        double[] p = new double[logits.length];
        for (int k = 0; k < p.length; k++) {
          p[k] = Math.exp(logits[k] - max);
          sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
          p[k] /= sum;
        }
        for (int k = 0; k < p.length; k++) {
          dLogits[k] = p[0] * ((k == 0 ? 1 : 0) - p[k]);
        }
        return p[0];
      }
    }
  }

  /** IG by the midpoint rule with {@code steps} steps, in double precision. */
  double[] midpointIg(double[] x, double[] baseline, int steps) {
    int d = x.length;
    double[] sum = new double[d];
    double[] point = new double[d];
    double[] g = new double[d];
    for (int s = 0; s < steps; s++) {
      double alpha = (s + 0.5) / steps;
      for (int i = 0; i < d; i++) {
        point[i] = baseline[i] + alpha * (x[i] - baseline[i]);
      }
      run(point, g, null);
      for (int i = 0; i < d; i++) {
        sum[i] += g[i];
      }
    }
    for (int i = 0; i < d; i++) {
      sum[i] *= (x[i] - baseline[i]) / steps;
    }
    return sum;
  }

  /** Breakpoints of the path, counted on a grid of {@code steps} cells (sign changes of units). */
  int breakpointsOnGrid(double[] x, double[] baseline, int steps) {
    int d = x.length;
    int units = kinkUnits();
    double[] point = new double[d];
    double[] before = new double[units];
    double[] now = new double[units];
    int count = 0;
    for (int s = 0; s <= steps; s++) {
      double alpha = (double) s / steps;
      for (int i = 0; i < d; i++) {
        point[i] = baseline[i] + alpha * (x[i] - baseline[i]);
      }
      run(point, null, now);
      if (s > 0) {
        int at = 0;
        for (KinkLayer layer : layers) {
          for (int u = at; u < at + layer.units(); u++) {
            for (double t : layer.thresholds()) {
              if ((before[u] > t) != (now[u] > t)) {
                count++;
              }
            }
          }
          at += layer.units();
        }
      }
      System.arraycopy(now, 0, before, 0, units);
    }
    return count;
  }
}
