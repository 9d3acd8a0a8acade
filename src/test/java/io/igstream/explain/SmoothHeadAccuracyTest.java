package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adaptive method on ReLU nets with a smooth scalar head {@code F = h(z)} (sigmoid, tanh), as
 * real fraud and churn models are, against the exact IG of {@link ReluMlp}; double precision and
 * rounded to float32. Accuracy only; nothing here is timed.
 */
class SmoothHeadAccuracyTest {
  private static final int SEEDS = 5;

  private static AdaptiveBenchmark.Case net(long seed, String head, boolean float32, int size) {
    ReluMlp.Head h = ReluMlp.Head.valueOf(head);
    return size == 30
        ? AdaptiveBenchmark.relu(seed, h, float32, 30, 64, 32)
        : AdaptiveBenchmark.relu(seed, h, float32, 13, 32, 16);
  }

  /** Every seed meets the tolerance (rel 0) in a fraction of the budget, and truly so in L1. */
  @ParameterizedTest
  @CsvSource({
    "SIGMOID, false, 30, 0.005",
    "SIGMOID, true, 30, 0.005",
    "SIGMOID, true, 13, 0.005",
    "SIGMOID, true, 30, 0.001",
    "SIGMOID, true, 13, 0.001",
    "TANH, false, 30, 0.001",
    "TANH, true, 13, 0.001"
  })
  void shouldMeetTheToleranceWellWithinTheBudget(
      String head, boolean float32, int size, double tolerance) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      AdaptiveBenchmark.Case c = net(seed, head, float32, size);
      Attribution a = AdaptiveBenchmark.adaptive(c, IgOptions.DEFAULT_MAX_STEPS, tolerance);
      String where = head + " seed " + seed + " steps " + a.steps();
      assertTrue(a.toleranceMet(), where);
      assertTrue(a.steps() <= IgOptions.DEFAULT_MAX_STEPS / 4, where);
      assertTrue(AdaptiveBenchmark.error(c, a) <= tolerance, where);
    }
  }

  /**
   * At equal evaluation count adaptive beats Gauss&ndash;Legendre and the midpoint rule by the
   * factor {@code margin} on every seed, up to float32 rounding ({@code 1e-6} in L1) for the
   * rounded nets.
   */
  @ParameterizedTest
  @CsvSource({
    "false, 30, 200, 0.1",
    "false, 30, 1000, 1e-6",
    "true, 30, 200, 0.1",
    "true, 13, 200, 0.1",
    "true, 13, 1000, 0.01"
  })
  void shouldBeatFixedRulesAtEqualCost(boolean float32, int size, int budget, double margin) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      AdaptiveBenchmark.Row row =
          AdaptiveBenchmark.row(net(seed, "SIGMOID", float32, size), budget);
      double best = Math.min(row.gauss(), row.midpoint());
      double floor = float32 ? 1e-6 : 0;
      assertTrue(row.steps() <= budget, "steps " + row.steps());
      assertTrue(
          row.adaptive() <= margin * best + floor,
          "seed " + seed + ": adaptive " + row.adaptive() + " vs fixed " + best);
    }
  }

  /** An unreachable tolerance spends the budget and says so. */
  @ParameterizedTest
  @CsvSource({"false, 100", "true, 300"})
  void shouldReportTheToleranceUnmetWhenTheBudgetRunsOut(boolean float32, int budget) {
    Attribution a = AdaptiveBenchmark.adaptive(net(1, "SIGMOID", float32, 30), budget, 1e-14);
    assertFalse(a.toleranceMet());
    assertTrue(a.steps() == budget, "steps " + a.steps());
  }
}
