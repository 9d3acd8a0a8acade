package io.igstream.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact IG of the test nets is complete and agrees with a fine midpoint rule (whose error is
 * {@code O(kinks / steps)}, hence the loose bound).
 */
class ReluMlpTest {

  @ParameterizedTest
  @EnumSource(ReluMlp.Head.class)
  void exactIgShouldBeCompleteAndMatchAFineMidpointRule(ReluMlp.Head head) {
    for (long seed = 1; seed <= 3; seed++) {
      AdaptiveBenchmark.Case c = AdaptiveBenchmark.relu(seed, head, false, 13, 32, 16);
      Attribution fine =
          AdaptiveBenchmark.fixed(
              c.function(), c.x(), c.baseline(), QuadratureRule.RIEMANN_MIDDLE, 400_000);
      double deltaF = fine.prediction() - fine.baselinePrediction();
      assertEquals(deltaF, TestFunctions.sum(c.exact()), 1e-12 * Math.max(1, Math.abs(deltaF)));
      double distance = TestFunctions.l1Distance(c.exact(), fine.attributions());
      assertTrue(distance < 1e-4, head + " seed " + seed + ": " + distance);
    }
  }
}
