package io.igstream.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftJudgeTest {
  private static final List<String> ABCD = List.of("a", "b", "c", "d");

  private static AttributionProfile profile(double... meanAbs) {
    return AttributionProfile.of(ABCD, 100, meanAbs, meanAbs);
  }

  @Test
  void shouldNotAlertOnTheSameProfile() {
    DriftVerdict v =
        new DriftJudge(DriftThresholds.defaults()).judge(profile(4, 3, 2, 1), profile(8, 6, 4, 2));
    assertFalse(v.alert(), v.reasons().toString());
    assertEquals(0.0, v.jensenShannon(), 1e-15);
    assertEquals(1.0, v.ndcg(), 1e-15);
    assertEquals(List.of(), v.movedFeatures());
  }

  @Test
  void shouldAlertOnOneFeatureShareChangeAndListTheMovedFeaturesLargestFirst() {
    // Reference shares (.4, .3, .2, .1); window (.25, .3, .2, .25): a −.15, d +.15.
    DriftVerdict v =
        new DriftJudge(new DriftThresholds(2, 0.1, 0.5, 0.0))
            .judge(profile(0.25, 0.3, 0.2, 0.25), profile(0.4, 0.3, 0.2, 0.1));
    assertArrayEquals(new double[] {-0.15, 0, 0, 0.15}, v.shareChange(), 1e-12);
    assertTrue(v.alert());
    assertEquals(List.of("a", "d"), v.movedFeatures());
    assertEquals(2, v.reasons().size(), v.reasons().toString());
    assertTrue(v.reasons().get(0).startsWith("share of a -0.150"), v.reasons().toString());
  }

  @Test
  void shouldAlertOnTheGlobalThresholdsAlone() {
    // Shares move by .04 at most, below the per-feature .1, but the top feature changes:
    // nDCG@1 = q_b / q_a = .28 / .30 = .933 < .99.
    AttributionProfile window = profile(0.26, 0.32, 0.22, 0.2);
    AttributionProfile reference = profile(0.3, 0.28, 0.22, 0.2);
    DriftVerdict v =
        new DriftJudge(new DriftThresholds(1, 0.1, 1e-4, 0.99)).judge(window, reference);
    assertTrue(v.alert());
    assertEquals(2, v.reasons().size(), v.reasons().toString());
    assertTrue(v.reasons().get(0).startsWith("Jensen-Shannon"), v.reasons().toString());
    assertTrue(v.reasons().get(1).startsWith("nDCG@1"), v.reasons().toString());
    assertEquals(0.28 / 0.3, v.ndcg(), 1e-12);
  }

  @Test
  void shouldRefuseAReferenceOverOtherFeatures() {
    AttributionProfile other =
        AttributionProfile.of(List.of("a", "b"), 1, new double[] {1, 1}, new double[2]);
    assertThrows(
        IllegalArgumentException.class,
        () -> new DriftJudge(DriftThresholds.defaults()).judge(profile(1, 1, 1, 1), other));
  }
}
