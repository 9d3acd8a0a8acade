package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accuracy claims of the adaptive method, measured against exact IG on seeded random nets (see
 * {@link AdaptiveBenchmark} for the full table). Accuracy only; nothing here is timed.
 */
class AdaptiveAccuracyTest {
  private static final int SEEDS = 5;

  /**
   * At equal evaluation count, on every seed, adaptive beats Gauss&ndash;Legendre and the midpoint
   * rule by at least the factor {@code margin}. Worst measured ratios (adaptive / best fixed rule,
   * 5 seeds): 20-64 at 200: 3.8e-4; 30-64-32 at 200: 7.3e-3; both at 1000 and 4000: below 6e-10
   * (adaptive then isolates every kink and is exact to rounding).
   */
  @ParameterizedTest
  @CsvSource({
    "1, 200, 0.01",
    "1, 1000, 1e-6",
    "1, 4000, 1e-6",
    "2, 200, 0.1",
    "2, 1000, 1e-6",
    "2, 4000, 1e-6"
  })
  void shouldBeatFixedRulesAtEqualCostOnReluNets(int layers, int budget, double margin) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      AdaptiveBenchmark.Case c =
          layers == 1
              ? AdaptiveBenchmark.relu(seed, 20, 64)
              : AdaptiveBenchmark.relu(seed, 30, 64, 32);
      AdaptiveBenchmark.Row row = AdaptiveBenchmark.row(c, budget);
      double best = Math.min(row.gauss(), row.midpoint());
      assertTrue(row.steps() <= budget, "steps " + row.steps());
      assertTrue(
          row.adaptive() <= margin * best,
          "seed " + seed + ": adaptive " + row.adaptive() + " vs fixed " + best);
    }
  }

  /** Smooth nets stay on K15: converged within 77 evaluations, L1 error below 1e-5. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void shouldStayCheapAndAccurateOnSmoothNets(int weightScale) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      AdaptiveBenchmark.Case c =
          weightScale == 1
              ? AdaptiveBenchmark.tanh(seed, 20, 64, 1)
              : AdaptiveBenchmark.tanh(seed, 5, 16, weightScale);
      Attribution a =
          AdaptiveBenchmark.adaptive(c, IgOptions.DEFAULT_MAX_STEPS, IgOptions.DEFAULT_ABS_TOL);
      assertTrue(a.toleranceMet());
      assertTrue(a.steps() <= 77, "seed " + seed + " steps " + a.steps());
      assertTrue(AdaptiveBenchmark.error(c, a) < 1e-4, "seed " + seed);
    }
  }

  /** Meeting the default tolerance on ReLU nets costs a fraction of the budget, and is true. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void shouldMeetTheDefaultToleranceOnReluNetsWellWithinTheBudget(int layers) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      AdaptiveBenchmark.Case c =
          layers == 1
              ? AdaptiveBenchmark.relu(seed, 20, 64)
              : AdaptiveBenchmark.relu(seed, 30, 64, 32);
      Attribution a =
          AdaptiveBenchmark.adaptive(c, IgOptions.DEFAULT_MAX_STEPS, IgOptions.DEFAULT_ABS_TOL);
      assertTrue(a.toleranceMet(), "seed " + seed);
      assertTrue(a.steps() <= IgOptions.DEFAULT_MAX_STEPS / 4, "seed " + seed + " " + a.steps());
      assertTrue(AdaptiveBenchmark.error(c, a) <= IgOptions.DEFAULT_ABS_TOL, "seed " + seed);
    }
  }

  /** An unreachable tolerance spends the budget and says so. */
  @ParameterizedTest
  @ValueSource(ints = {100, 200})
  void shouldReportTheToleranceUnmetWhenTheBudgetRunsOut(int budget) {
    AdaptiveBenchmark.Case c = AdaptiveBenchmark.relu(1, 30, 64, 32);
    Attribution a = AdaptiveBenchmark.adaptive(c, budget, 1e-14);
    assertFalse(a.toleranceMet());
    assertTrue(a.steps() == budget, "steps " + a.steps());
  }
}
