package io.igstream.drift;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default thresholds on a seeded attribution stream: quiet while the stream is stable, loud
 * within two windows of a 10-point shift in one feature's share.
 *
 * <p>The generator: 10 features with expected shares {@link #SHARES}; each event's |a_i| is the
 * share times a log-normal factor (σ = 0.5, mean 1), positive with probability 0.7. Windows hold
 * {@value #WINDOW} events; the reference is the first window, as with {@code reference=first}.
 */
class DriftDetectionTest {
  static final double[] SHARES = {0.25, 0.18, 0.14, 0.11, 0.09, 0.07, 0.06, 0.05, 0.03, 0.02};
  static final List<String> FEATURES =
      List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
  static final int WINDOW = 500;
  static final double SIGMA = 0.5;

  private static double[] event(Random random, double[] shares) {
    double[] a = new double[shares.length];
    for (int i = 0; i < a.length; i++) {
      double magnitude = shares[i] * Math.exp(SIGMA * random.nextGaussian() - SIGMA * SIGMA / 2);
      a[i] = random.nextDouble() < 0.7 ? magnitude : -magnitude;
    }
    return a;
  }

  /** {@code shares} with feature {@code f} moved up by {@code points}, the others scaled down. */
  static double[] shifted(double[] shares, int f, double points) {
    double[] out = new double[shares.length];
    double rest = (1 - shares[f] - points) / (1 - shares[f]);
    for (int i = 0; i < out.length; i++) {
      out[i] = i == f ? shares[f] + points : shares[i] * rest;
    }
    return out;
  }

  /** Windows of the stream; events from {@code shiftAt} on are drawn from {@code after}. */
  private static List<AttributionProfile> windows(
      long seed, int count, int shiftAt, double[] after) {
    Random random = new Random(seed);
    List<AttributionProfile> out = new ArrayList<>();
    int n = 0;
    for (int w = 0; w < count; w++) {
      ProfileAccumulator acc = new ProfileAccumulator(FEATURES);
      for (int e = 0; e < WINDOW; e++, n++) {
        acc.add(event(random, n >= shiftAt ? after : SHARES));
      }
      out.add(acc.profile());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void shouldRaiseNoAlertInAHundredStableWindows(long seed) {
    List<AttributionProfile> ws = windows(seed, 101, Integer.MAX_VALUE, SHARES);
    DriftJudge judge = new DriftJudge(DriftThresholds.defaults());
    for (int w = 1; w < ws.size(); w++) {
      DriftVerdict v = judge.judge(ws.get(w), ws.get(0));
      assertFalse(v.alert(), "seed " + seed + " window " + w + ": " + v.reasons());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void shouldAlertATenPointShiftInOneFeatureWithinTwoWindows(long seed) {
    // The shift starts halfway through window 11: window 11 is half shifted, window 12 fully.
    int shiftAt = 11 * WINDOW + WINDOW / 2;
    List<AttributionProfile> ws = windows(seed, 13, shiftAt, shifted(SHARES, 3, 0.10));
    DriftJudge judge = new DriftJudge(DriftThresholds.defaults());
    for (int w = 1; w < 11; w++) {
      assertFalse(judge.judge(ws.get(w), ws.get(0)).alert(), "seed " + seed + " window " + w);
    }
    DriftVerdict first = judge.judge(ws.get(11), ws.get(0));
    DriftVerdict second = judge.judge(ws.get(12), ws.get(0));
    assertTrue(first.alert() || second.alert(), "seed " + seed + ": " + second);
    assertTrue(second.alert(), "a fully shifted window alerts: " + second.reasons());
    assertTrue(second.movedFeatures().get(0).equals("f3"), second.movedFeatures().toString());
  }

  @Test
  void shouldBuildTheShiftTheTestClaims() {
    double[] s = shifted(SHARES, 3, 0.10);
    double sum = 0;
    for (double v : s) {
      sum += v;
    }
    assertTrue(Math.abs(sum - 1) < 1e-12 && Math.abs(s[3] - 0.21) < 1e-12);
  }
}
