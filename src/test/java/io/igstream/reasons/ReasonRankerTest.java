package io.igstream.reasons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranking rules of {@link ReasonRanker} on hand-computed attributions. */
class ReasonRankerTest {
  private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e", "f");

  /** R1 = a+b, R2 = c, R3 = d+e; f is in no group. */
  private static final List<ReasonGroup> GROUPS =
      List.of(
          new ReasonGroup("R1", "amount", List.of("a", "b")),
          new ReasonGroup("R2", "velocity", List.of("c")),
          new ReasonGroup("R3", "device", List.of("d", "e")));

  private static ReasonCodes rank(int k, double[] attributions, double delta) {
    return ReasonRanker.rank(ReasonCodeTable.bind(GROUPS, k, FEATURES), attributions, delta);
  }

  private static List<String> codes(ReasonCodes r) {
    return r.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void shouldSumAttributionsPerGroupAndRankDescending() {
    // R1 = 0.1 + 0.2 = 0.3, R2 = 0.05, R3 = 0.4 + 0.1 = 0.5; f = 0.15 uncoded; sum 1.0 = ΔF.
    ReasonCodes r = rank(4, new double[] {0.1, 0.2, 0.05, 0.4, 0.1, 0.15}, 1.0);
    assertEquals(List.of("R3", "R1", "R2"), codes(r));
    assertEquals(0.5, r.reasons().get(0).contribution(), 1e-15);
    assertEquals(0.3, r.reasons().get(1).contribution(), 1e-15);
    assertEquals(0.05, r.reasons().get(2).contribution(), 1e-15);
    assertEquals(List.of(1, 2, 3), r.reasons().stream().map(Reason::rank).toList());
    assertEquals("device", r.reasons().get(0).text());
    assertEquals(0.15, r.uncodedContribution(), 1e-15);
    assertTrue(r.noReasonExplanation().isEmpty());
  }

  @Test
  void shouldExcludeGroupsThatPushAwayFromTheAlert() {
    // R1 = 0.6 - 0.9 = -0.3 (away), R2 = 0.2, R3 = 0.0 + 0.0 = 0 (not toward).
    ReasonCodes r = rank(4, new double[] {0.6, -0.9, 0.2, 0.0, 0.0, 0.0}, 0.5);
    assertEquals(List.of("R2"), codes(r));
  }

  @Test
  void shouldCutAtK() {
    ReasonCodes r = rank(2, new double[] {0.1, 0.2, 0.05, 0.4, 0.1, 0.0}, 0.85);
    assertEquals(List.of("R3", "R1"), codes(r));
    // Coverage counts the emitted reasons only: (0.5 + 0.3) / 0.85.
    assertEquals(0.8 / 0.85, r.coverage().getAsDouble(), 1e-12);
  }

  @Test
  void shouldEmitEveryPositiveGroupWhenKExceedsTheGroups() {
    ReasonCodes r = rank(10, new double[] {0.1, 0.0, 0.2, 0.3, 0.0, 0.0}, 0.6);
    assertEquals(List.of("R3", "R2", "R1"), codes(r));
    assertEquals(1.0, r.coverage().getAsDouble(), 1e-12);
  }

  @Test
  void shouldOrderTiesByCodeWhateverTheTableOrder() {
    List<ReasonGroup> reversed = List.of(GROUPS.get(2), GROUPS.get(1), GROUPS.get(0));
    // R1 = 0.2, R2 = 0.2 + 5e-13 (within 1e-12: tied), R3 = 0.2.
    double[] attributions = {0.1, 0.1, 0.2 + 5e-13, 0.2, 0.0, 0.0};
    ReasonCodes inOrder = rank(4, attributions, 0.6);
    ReasonCodes outOfOrder =
        ReasonRanker.rank(ReasonCodeTable.bind(reversed, 4, FEATURES), attributions, 0.6);
    assertEquals(List.of("R1", "R2", "R3"), codes(inOrder));
    assertEquals(List.of("R1", "R2", "R3"), codes(outOfOrder));
  }

  @Test
  void shouldCutATieAtKByCode() {
    // All three tie at 0.25; k = 2 keeps the two smallest codes.
    ReasonCodes r = rank(2, new double[] {0.25, 0.0, 0.25, 0.0, 0.25, 0.0}, 0.75);
    assertEquals(List.of("R1", "R2"), codes(r));
  }

  @Test
  void shouldNotTieContributionsFurtherApartThanEpsilon() {
    // R3 = 0.2 + 1e-9 is genuinely larger than R1 = 0.2: it ranks first despite its code.
    ReasonCodes r = rank(4, new double[] {0.2, 0.0, 0.0, 0.2 + 1e-9, 0.0, 0.0}, 0.4);
    assertEquals(List.of("R3", "R1"), codes(r));
  }

  @Test
  void shouldReturnNoReasonAndSayWhyWhenEveryGroupPushesAway() {
    // The uncoded feature f raised the score; no coded group did.
    ReasonCodes r = rank(4, new double[] {-0.1, 0.0, -0.2, -0.05, 0.0, 0.9}, 0.55);
    assertFalse(r.hasReasons());
    assertTrue(r.noReasonExplanation().orElseThrow().contains("toward the alert"));
    assertEquals(0.0, r.coverage().getAsDouble(), 0.0);
    assertEquals(0.9, r.uncodedContribution(), 1e-15);
  }

  @Test
  void shouldComputeSharesOfThePredictionDelta() {
    // ΔF = 0.4: R3 = 0.5 pushes up, R1 = -0.1 down; share 0.5 / 0.4 = 1.25 > 1 is honest.
    ReasonCodes r = rank(4, new double[] {-0.1, 0.0, 0.0, 0.3, 0.2, 0.0}, 0.4);
    assertEquals(List.of("R3"), codes(r));
    assertEquals(1.25, r.reasons().get(0).share().getAsDouble(), 1e-12);
    assertEquals(1.25, r.coverage().getAsDouble(), 1e-12);
    assertEquals(0.4, r.predictionDelta());
  }

  @Test
  void shouldLeaveSharesEmptyWhenThePredictionDeltaIsZero() {
    // ΔF = 0 (within 1e-12): R1 = +0.2 and R2 = -0.2 cancel; the reason stands, no share.
    ReasonCodes r = rank(4, new double[] {0.2, 0.0, -0.2, 0.0, 0.0, 0.0}, 1e-13);
    assertEquals(List.of("R1"), codes(r));
    assertTrue(r.reasons().get(0).share().isEmpty());
    assertTrue(r.coverage().isEmpty());
  }

  @Test
  void shouldLeaveSharesEmptyWhenTheBaselineScoresHigher() {
    ReasonCodes r = rank(4, new double[] {0.1, 0.0, -0.3, 0.0, 0.0, 0.0}, -0.2);
    assertEquals(List.of("R1"), codes(r));
    assertTrue(r.coverage().isEmpty());
  }

  @Test
  void shouldRefuseAttributionsOfAnotherLength() {
    ReasonCodeTable table = ReasonCodeTable.bind(GROUPS, 4, FEATURES);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReasonRanker.rank(table, new double[] {0.1, 0.2}, 0.3));
    assertTrue(e.getMessage().contains("expected 6 attributions"), e.getMessage());
  }
}
