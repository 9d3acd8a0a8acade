package io.igstream.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftWindowsTest {
  @Test
  void shouldPutAnEventInExactlyOneTumblingWindow() {
    DriftWindows w = DriftWindows.tumbling(1000);
    assertEquals(List.of(2000L), w.startsFor(2000));
    assertEquals(List.of(2000L), w.startsFor(2999));
    assertEquals(3000, w.endOf(2000));
  }

  @Test
  void shouldPutAnEventInEveryHoppingWindowThatHoldsIt() {
    DriftWindows w = new DriftWindows(1000, 250);
    // Windows [1250,2250), [1500,2500), [1750,2750), [2000,3000) hold 2100.
    assertEquals(List.of(1250L, 1500L, 1750L, 2000L), w.startsFor(2100));
    // [0,1000) is the only window before 250; none starts below 0.
    assertEquals(List.of(0L), w.startsFor(100));
  }

  @Test
  void shouldRefuseAnAdvanceLargerThanTheWindow() {
    assertThrows(IllegalArgumentException.class, () -> new DriftWindows(1000, 1001));
    assertThrows(IllegalArgumentException.class, () -> new DriftWindows(0, 0));
  }
}
