package io.igstream.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference input {@code x'} of Integrated Gradients, as configuration data. {@link
 * #resolve(int)} turns it into concrete vectors of the model's dimension; {@link #description()} is
 * a short text for audit output.
 *
 * <p>{@link Expected} gives <em>expected IG</em>: IG averaged over several baselines, whose
 * completeness reads {@code sum_i IG_i = F(x) - mean_j F(x'_j)}.
 *
 * @see <a href="https://arxiv.org/abs/1703.01365">Sundararajan, Taly, Yan, 2017, section 3
 *     (choosing baselines)</a>
 * @see <a href="https://distill.pub/2020/attribution-baselines/">Sturmfels, Lundberg, Lee,
 *     "Visualizing the Impact of Feature Attribution Baselines", Distill 2020</a>
 */
public sealed interface Baseline
    permits Baseline.Zero, Baseline.Constant, Baseline.Vector, Baseline.Expected {

  /**
   * The concrete baseline vectors for a model with {@code dimension} features; one vector except
   * for {@link Expected}. The returned arrays are fresh copies.
   *
   * @throws IllegalArgumentException if a configured vector has another length
   */
  List<double[]> resolve(int dimension);

  /** A short description such as {@code zero}, {@code constant(0.5)}, {@code expected(8)}. */
  String description();

  /** The all-zero baseline. */
  static Baseline zero() {
    return new Zero();
  }

  /** {@code x'_i = 0}. */
  record Zero() implements Baseline {
    @Override
    public List<double[]> resolve(int dimension) {
      return List.of(new double[dimension]);
    }

    @Override
    public String description() {
      return "zero";
    }
  }

  /** {@code x'_i = value} for every feature. */
  record Constant(double value) implements Baseline {
    /** Rejects NaN and infinities. */
    public Constant {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("constant baseline must be finite, got " + value);
      }
    }

    @Override
    public List<double[]> resolve(int dimension) {
      double[] vector = new double[dimension];
      Arrays.fill(vector, value);
      return List.of(vector);
    }

    @Override
    public String description() {
      return "constant(" + value + ")";
    }
  }

  /** One per-feature baseline vector (e.g. training means). */
  record Vector(double[] values) implements Baseline {
    /** Copies {@code values} and rejects NaN and infinities. */
    public Vector {
      values = checkedCopy(values, "vector baseline");
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public List<double[]> resolve(int dimension) {
      return List.of(checkDimension(values, dimension, "vector baseline"));
    }

    @Override
    public String description() {
      return "vector";
    }
  }

  /** Several baselines whose IG is averaged (expected IG). */
  record Expected(List<double[]> baselines) implements Baseline {
    /** Copies the vectors; rejects an empty list, NaN and infinities. */
    public Expected {
      if (baselines.isEmpty()) {
        throw new IllegalArgumentException("expected baseline needs at least one vector");
      }
      List<double[]> copies = new ArrayList<>(baselines.size());
      for (int j = 0; j < baselines.size(); j++) {
        copies.add(checkedCopy(baselines.get(j), "expected baseline " + j));
      }
      baselines = List.copyOf(copies);
    }

    @Override
    public List<double[]> baselines() {
      return baselines.stream().map(double[]::clone).toList();
    }

    @Override
    public List<double[]> resolve(int dimension) {
      List<double[]> vectors = new ArrayList<>(baselines.size());
      for (int j = 0; j < baselines.size(); j++) {
        vectors.add(checkDimension(baselines.get(j), dimension, "expected baseline " + j));
      }
      return vectors;
    }

    @Override
    public String description() {
      return "expected(" + baselines.size() + " baselines)";
    }
  }

  private static double[] checkedCopy(double[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            what + " feature " + i + " must be finite, got " + values[i]);
      }
    }
    return values.clone();
  }

  private static double[] checkDimension(double[] values, int dimension, String what) {
    if (values.length != dimension) {
      throw new IllegalArgumentException(
          what + " has " + values.length + " features, the model input has " + dimension);
    }
    return values.clone();
  }
}
