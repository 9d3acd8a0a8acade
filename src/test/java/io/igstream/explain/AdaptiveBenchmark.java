package io.igstream.explain;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Equal-cost comparison of the adaptive method with Gauss&ndash;Legendre and the midpoint rule on
 * seeded random nets, against exact IG. Run {@link #main} for the table; {@code
 * AdaptiveAccuracyTest} asserts on the same numbers.
 */
final class AdaptiveBenchmark {
  private AdaptiveBenchmark() {}

  /** A model, an input, a baseline and the exact (or reference) IG. */
  record Case(
      String name, GradientFunction function, double[] x, double[] baseline, double[] exact) {}

  /**
   * L1 errors of one case at one budget; {@code steps} is what adaptive spent (GL, midpoint too).
   */
  record Row(int steps, boolean met, double adaptive, double gauss, double midpoint) {}

  static Case relu(long seed, int dimension, int... hidden) {
    return relu(seed, ReluMlp.Head.IDENTITY, false, dimension, hidden);
  }

  /** A seeded ReLU MLP with scalar head {@code head}, optionally rounded to float32. */
  static Case relu(long seed, ReluMlp.Head head, boolean float32, int dimension, int... hidden) {
    ReluMlp net = ReluMlp.random(seed, dimension, hidden).withHead(head, float32);
    double[] x = TestFunctions.randomVector(new Random(seed + 100), dimension, 1);
    double[] baseline = new double[dimension];
    return new Case(
        head.name().toLowerCase(Locale.ROOT) + (float32 ? "-f32" : ""),
        net.function(),
        x,
        baseline,
        net.exactIg(x, baseline));
  }

  /**
   * {@code v . tanh(W x + b)}, {@code W ~ N(0, scale^2)}; reference: 2000-point Gauss-Legendre
   * (analytic integrand).
   */
  static Case tanh(long seed, int dimension, int hidden, double scale) {
    Random random = new Random(seed);
    double[][] w = new double[hidden][];
    for (int h = 0; h < hidden; h++) {
      w[h] = TestFunctions.randomVector(random, dimension, scale);
    }
    GradientFunction f =
        TestFunctions.tanhNet(
            w,
            TestFunctions.randomVector(random, hidden, 1),
            TestFunctions.randomVector(random, hidden, 1));
    double[] x = TestFunctions.randomVector(random, dimension, 1);
    double[] baseline = new double[dimension];
    double[] exact = fixed(f, x, baseline, QuadratureRule.GAUSS_LEGENDRE, 2000).attributions();
    return new Case("tanh", f, x, baseline, exact);
  }

  static Attribution adaptive(Case c, int budget, double tolerance) {
    IgOptions options = IgOptions.builder().absTol(tolerance).relTol(0).maxSteps(budget).build();
    return new IntegratedGradients(options)
        .explain(c.function(), PathRequest.of(c.x(), c.baseline()));
  }

  static Attribution fixed(
      GradientFunction f, double[] x, double[] baseline, QuadratureRule rule, int steps) {
    IgOptions options = IgOptions.builder().method(rule).steps(steps).build();
    return new IntegratedGradients(options).explain(f, PathRequest.of(x, baseline));
  }

  /** Adaptive spending the whole budget (tiny tolerance), then both fixed rules at its cost. */
  static Row row(Case c, int budget) {
    Attribution a = adaptive(c, budget, 1e-12);
    int m = a.steps() - 2;
    return new Row(
        a.steps(),
        a.toleranceMet(),
        error(c, a),
        error(c, fixed(c.function(), c.x(), c.baseline(), QuadratureRule.GAUSS_LEGENDRE, m)),
        error(c, fixed(c.function(), c.x(), c.baseline(), QuadratureRule.RIEMANN_MIDDLE, m)));
  }

  static double error(Case c, Attribution a) {
    return TestFunctions.l1Distance(c.exact(), a.attributions());
  }

  private static Case named(String kind, long seed) {
    return switch (kind) {
      case "relu20-64" -> relu(seed, 20, 64);
      case "relu30-64-32" -> relu(seed, 30, 64, 32);
      case "sigmoid30-64-32" -> relu(seed, ReluMlp.Head.SIGMOID, false, 30, 64, 32);
      case "sigm-f32-13-32-16" -> relu(seed, ReluMlp.Head.SIGMOID, true, 13, 32, 16);
      case "tanh20-64" -> tanh(seed, 20, 64, 1);
      default -> tanh(seed, 5, 16, 3);
    };
  }

  private static final List<String> KINDS =
      List.of(
          "relu20-64",
          "relu30-64-32",
          "sigmoid30-64-32",
          "sigm-f32-13-32-16",
          "tanh20-64",
          "tanh5-16x3");

  public static void main(String[] args) {
    int[] budgets = {100, 200, 500, 1000, 2000, 4000};
    for (String kind : KINDS) {
      for (int budget : budgets) {
        double[] sums = new double[4];
        int wins = 0;
        int n = 10;
        for (long seed = 1; seed <= n; seed++) {
          Case c = named(kind, seed);
          Row r = row(c, budget);
          sums[0] += r.adaptive() / n;
          sums[1] += r.gauss() / n;
          sums[2] += r.midpoint() / n;
          sums[3] += (double) r.steps() / n;
          wins += r.adaptive() <= 1.05 * Math.min(r.gauss(), r.midpoint()) + 1e-12 ? 1 : 0;
        }
        System.out.printf(
            Locale.ROOT,
            "%-13s budget %5d  steps %6.0f  adaptive %.2e  gl %.2e  mid %.2e  wins %d/%d%n",
            kind,
            budget,
            sums[3],
            sums[0],
            sums[1],
            sums[2],
            wins,
            n);
      }
    }
    for (String kind : KINDS) {
      for (long seed = 1; seed <= 5; seed++) {
        Case c = named(kind, seed);
        TestFunctions.Counting counting = new TestFunctions.Counting(c.function(), 8192);
        Case counted = new Case(kind, counting, c.x(), c.baseline(), c.exact());
        Attribution a = adaptive(counted, IgOptions.DEFAULT_MAX_STEPS, IgOptions.DEFAULT_ABS_TOL);
        System.out.printf(
            Locale.ROOT,
            "%-13s seed %d default options: steps %4d calls %2d met %-5s completeness %8.1e"
                + " L1 %.1e%n",
            kind,
            seed,
            a.steps(),
            counting.calls(),
            a.toleranceMet(),
            a.completenessError(),
            error(c, a));
      }
    }
  }
}
