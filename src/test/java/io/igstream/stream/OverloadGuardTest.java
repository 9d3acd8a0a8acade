package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The two thresholds and the dwell time of the overload state machine, one observation at a time.
 */
class OverloadGuardTest {
  private static OverloadPolicy policy(long maxLag, double recoverRatio, long minDegraded) {
    return new OverloadPolicy(
        Duration.ofMillis(maxLag),
        OverloadPolicy.Mode.STEPS,
        8,
        0.25,
        recoverRatio,
        Duration.ofMillis(minDegraded));
  }

  @Test
  void shouldEnterAboveTheBoundAndLeaveOnlyBelowTheRecoverLagAfterTheDwellTime() {
    OverloadGuard g = new OverloadGuard(policy(1000, 0.5, 2000));
    assertEquals(OverloadGuard.Transition.NONE, g.observe(1000, 0), "at the bound: not over it");
    assertFalse(g.degraded());
    assertEquals(OverloadGuard.Transition.ENTERED, g.observe(1001, 10));
    assertTrue(g.degraded());
    assertEquals(OverloadGuard.Transition.NONE, g.observe(5000, 20), "already degraded");
    assertEquals(OverloadGuard.Transition.NONE, g.observe(501, 3000), "above the recover lag");
    assertEquals(OverloadGuard.Transition.NONE, g.observe(0, 2009), "dwell time not over");
    assertTrue(g.degraded());
    assertEquals(OverloadGuard.Transition.RECOVERED, g.observe(500, 2010));
    assertFalse(g.degraded());
    assertEquals(
        OverloadGuard.Transition.NONE, g.observe(999, 2020), "between the thresholds: no flap");
    assertFalse(g.degraded());
  }

  @Test
  void shouldNeverDegradeWhenTheBoundIsZero() {
    OverloadGuard g = new OverloadGuard(policy(0, 0.5, 0));
    assertEquals(OverloadGuard.Transition.NONE, g.observe(3_600_000, 0));
    assertFalse(g.degraded());
    assertEquals(3_600_000, g.lastLagMillis(), "the lag is still measured");
  }

  @Test
  void shouldTreatNegativeLagFromClockSkewAsZero() {
    OverloadGuard g = new OverloadGuard(policy(100, 1.0, 0));
    g.observe(200, 0);
    assertTrue(g.degraded());
    assertEquals(OverloadGuard.Transition.RECOVERED, g.observe(-50, 1));
    assertEquals(0, g.lastLagMillis());
  }

  @Test
  void shouldNameThePolicyTheLagAndTheBoundInItsReason() {
    OverloadGuard steps = new OverloadGuard(policy(1000, 0.5, 0));
    steps.observe(4321, 0);
    assertEquals(
        "overload-steps: lag 4321 ms (bound igstream.overload.max.lag.ms=1000 ms); explained with"
            + " gausslegendre, 8 steps, instead of the model's method",
        steps.reason());
    OverloadGuard sample =
        new OverloadGuard(
            new OverloadPolicy(
                Duration.ofMillis(1000), OverloadPolicy.Mode.SAMPLE, 8, 0.25, 0.5, Duration.ZERO));
    sample.observe(1500, 0);
    assertTrue(sample.reason().startsWith("overload-sample: lag 1500 ms"), sample.reason());
    assertTrue(sample.reason().contains("0.25 share"), sample.reason());
  }
}
