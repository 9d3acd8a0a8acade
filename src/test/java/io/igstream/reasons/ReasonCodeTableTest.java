package io.igstream.reasons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules {@link ReasonCodeTable#bind} enforces. */
class ReasonCodeTableTest {
  private static final List<String> FEATURES = List.of("a", "b", "c");

  private static String refusal(List<ReasonGroup> groups, int k) {
    return assertThrows(
            IllegalArgumentException.class, () -> ReasonCodeTable.bind(groups, k, FEATURES))
        .getMessage();
  }

  @Test
  void shouldMapFeaturesToTheirGroupAndLeaveOthersUngrouped() {
    ReasonCodeTable t =
        ReasonCodeTable.bind(
            List.of(
                new ReasonGroup("R1", "x", List.of("c")), new ReasonGroup("R2", "y", List.of("a"))),
            3,
            FEATURES);
    assertEquals(1, t.groupOf(0));
    assertEquals(-1, t.groupOf(1));
    assertEquals(0, t.groupOf(2));
    assertEquals(3, t.reasonCount());
    assertEquals(3, t.featureCount());
  }

  @Test
  void shouldRefuseAnUnknownFeature() {
    String m = refusal(List.of(new ReasonGroup("R1", "x", List.of("a", "zz"))), 4);
    assertTrue(m.contains("R1") && m.contains("'zz'"), m);
  }

  @Test
  void shouldRefuseAFeatureInTwoGroups() {
    String m =
        refusal(
            List.of(
                new ReasonGroup("R1", "x", List.of("a", "b")),
                new ReasonGroup("R2", "y", List.of("b"))),
            4);
    assertTrue(m.contains("'b'") && m.contains("R1 and R2"), m);
  }

  @Test
  void shouldRefuseADuplicateCode() {
    String m =
        refusal(
            List.of(
                new ReasonGroup("R1", "x", List.of("a")), new ReasonGroup("R1", "y", List.of("b"))),
            4);
    assertTrue(m.contains("R1 appears twice"), m);
  }

  @Test
  void shouldRefuseAZeroReasonCountAndAnEmptyTable() {
    assertTrue(
        refusal(List.of(new ReasonGroup("R1", "x", List.of("a"))), 0).contains("at least 1"));
    assertTrue(refusal(List.of(), 4).contains("at least one group"));
  }

  @Test
  void shouldRefuseAGroupWithoutFeaturesOrText() {
    assertThrows(IllegalArgumentException.class, () -> new ReasonGroup("R1", "x", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ReasonGroup("R1", " ", List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> new ReasonGroup("", "x", List.of("a")));
  }
}
