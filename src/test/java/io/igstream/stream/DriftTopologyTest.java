package io.igstream.stream;

import static io.igstream.stream.DriftHarness.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.DriftEvent;
import io.igstream.drift.AttributionProfile;
import io.igstream.drift.ReferenceProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift windows through the real topology (TopologyTestDriver): the explained attributions are read
 * back, re-keyed by model, windowed and judged. {@link KnownAttributionsModel}'s attributions are
 * its features, so every share below is known.
 */
class DriftTopologyTest {
  @TempDir Path stateDir;

  private static final double[] STABLE = {0.4, 0.3, 0.2, 0.1};
  private static final double[] SHIFTED = {0.1, 0.3, 0.2, 0.4};

  private static double[] doubles(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void shouldJudgeEachClosedWindowAgainstTheFirstAndAlertOnTheShiftedOne() {
    try (DriftHarness h =
        new DriftHarness(DriftHarness.config(1000, 1000, 200, 3), Map.of(), stateDir)) {
      h.sendMany(0, 3, STABLE);
      h.sendMany(1000, 3, STABLE);
      assertTrue(h.drift.isEmpty(), "window 0 stays open until stream time reaches 1000 + 200");
      h.sendMany(2000, 3, SHIFTED); // stream time 2000 closes window 0
      h.send(3200, STABLE); // stream time 3200 closes windows 1 (at 2200) and 2 (at 3200)
      List<KeyValue<String, DriftEvent>> out = h.drift.readKeyValuesToList();
      assertEquals(3, out.size(), out.toString());
      assertTrue(out.stream().allMatch(kv -> kv.key.equals(KnownAttributionsModel.NAME)));

      DriftEvent first = out.get(0).value;
      assertFalse(first.getJudged(), "the first full window becomes the reference");
      assertEquals("window:" + Instant.ofEpochMilli(T0), first.getReference());
      assertEquals(Instant.ofEpochMilli(T0), first.getWindowStart());
      assertEquals(Instant.ofEpochMilli(T0 + 1000), first.getWindowEnd());
      assertEquals(3, first.getEvents());
      assertArrayEquals(STABLE, doubles(first.getShare()), 1e-12);
      assertTrue(Double.isNaN(first.getJensenShannon()));
      assertFalse(first.getAlert());

      DriftEvent stable = out.get(1).value;
      assertTrue(stable.getJudged());
      assertEquals(first.getReference(), stable.getReference());
      assertFalse(stable.getAlert(), stable.getAlertReasons().toString());
      assertEquals(0.0, stable.getJensenShannon(), 1e-12);
      assertEquals(1.0, stable.getNdcgTopK(), 1e-12);

      DriftEvent shifted = out.get(2).value;
      assertTrue(shifted.getAlert());
      assertArrayEquals(new double[] {-0.3, 0, 0, 0.3}, doubles(shifted.getShareChange()), 1e-12);
      assertEquals(List.of("a", "d"), shifted.getMovedFeatures());
      assertTrue(shifted.getAlertReasons().get(0).startsWith("share of a -0.300"));
      assertEquals(List.of("a", "b", "c", "d"), shifted.getFeatureNames());
      assertEquals(3, h.metrics.driftWindows());
      assertEquals(2, h.metrics.driftWindowsJudged());
      assertEquals(1, h.metrics.driftAlerts());
      assertEquals(shifted.getJensenShannon(), h.metrics.lastJensenShannon().get("known"), 0.0);
      // The model's events went through the repartition topic, and both drift stores wrote their
      // changelogs (in the same transaction): a restart restores open windows and the reference.
      String app = TopologyHarness.APP_ID;
      assertTrue(
          h.driver
              .producedTopicNames()
              .containsAll(
                  List.of(
                      app + "-drift-profiles-repartition",
                      app + "-drift-windows-changelog",
                      app + "-drift-models-changelog")),
          h.driver.producedTopicNames().toString());
    }
  }

  @Test
  void shouldCountInEventsWithinGraceAndCountOutLateOnesWhoseAttributionStillGoesOut() {
    try (DriftHarness h =
        new DriftHarness(DriftHarness.config(1000, 1000, 200, 1), Map.of(), stateDir)) {
      h.send(100, STABLE);
      h.send(1100, STABLE); // stream time 1100 < 1000 + 200: window 0 still open
      h.send(900, SHIFTED); // within grace: counted in window 0
      h.send(1250, STABLE); // stream time 1250 closes window 0
      h.send(500, SHIFTED); // late: window 0 closed
      List<DriftEvent> out = h.drift.readValuesToList();
      assertEquals(1, out.size());
      assertEquals(2, out.get(0).getEvents(), "the in-grace event is in, the late one out");
      assertEquals(1, h.metrics.driftLateEvents());
      assertEquals(5, h.attributions.readValuesToList().size(), "every attribution is published");
    }
  }

  @Test
  void shouldCloseWindowsOnTheWallClockWhenTrafficStops() {
    try (DriftHarness h =
        new DriftHarness(DriftHarness.config(1000, 1000, 200, 1), Map.of(), stateDir)) {
      h.sendMany(0, 5, STABLE);
      h.driver.advanceWallClockTime(Duration.ofMillis(500));
      assertTrue(h.drift.isEmpty(), "4 + 500 ms idle < 1000 + 200: not yet");
      h.driver.advanceWallClockTime(Duration.ofMillis(1000));
      List<DriftEvent> out = h.drift.readValuesToList();
      assertEquals(1, out.size(), "closed by the idle rule, no later event needed");
      assertEquals(5, out.get(0).getEvents());
      h.send(999, SHIFTED);
      assertEquals(1, h.metrics.driftLateEvents(), "a closed window stays closed");
    }
  }

  @Test
  void shouldPublishWindowsBelowTheMinimumUnjudged() {
    try (DriftHarness h =
        new DriftHarness(DriftHarness.config(1000, 1000, 0, 3), Map.of(), stateDir)) {
      h.sendMany(0, 2, STABLE);
      h.sendMany(1000, 3, STABLE);
      h.send(2000, SHIFTED);
      List<DriftEvent> out = h.drift.readValuesToList();
      assertEquals(2, out.size());
      assertFalse(out.get(0).getJudged());
      assertEquals("none", out.get(0).getReference(), "too few events to become the reference");
      assertTrue(Double.isNaN(out.get(0).getReferenceShare().get(0)));
      assertEquals(
          "window:" + Instant.ofEpochMilli(T0 + 1000),
          out.get(1).getReference(),
          "the first window with enough events is the reference");
      assertEquals(0, h.metrics.driftAlerts());
    }
  }

  @Test
  void shouldPutAnEventInEveryHoppingWindowThatHoldsIt() {
    try (DriftHarness h =
        new DriftHarness(DriftHarness.config(1000, 500, 0, 1), Map.of(), stateDir)) {
      h.send(700, STABLE); // in [0, 1000) and [500, 1500)
      h.send(1600, STABLE); // closes [0, 1000) and [500, 1500)
      List<DriftEvent> out = h.drift.readValuesToList();
      assertEquals(2, out.size());
      assertEquals(Instant.ofEpochMilli(T0), out.get(0).getWindowStart());
      assertEquals(Instant.ofEpochMilli(T0 + 500), out.get(1).getWindowStart());
      assertEquals(1, out.get(0).getEvents());
      assertEquals(1, out.get(1).getEvents());
    }
  }

  @Test
  void shouldJudgeTheVeryFirstWindowAgainstAReferenceFile() {
    AttributionProfile profile =
        AttributionProfile.of(KnownAttributionsModel.FEATURES, 500, SHIFTED, SHIFTED);
    ReferenceProfile file =
        new ReferenceProfile("known", Optional.of("3"), profile, "file:/profiles/known.json");
    try (DriftHarness h =
        new DriftHarness(DriftHarness.config(1000, 1000, 0, 2), Map.of("known", file), stateDir)) {
      h.sendMany(0, 2, STABLE);
      h.send(1000, STABLE);
      DriftEvent e = h.drift.readValue();
      assertTrue(e.getJudged());
      assertEquals("file:/profiles/known.json", e.getReference());
      assertArrayEquals(SHIFTED, doubles(e.getReferenceShare()), 1e-12);
      assertTrue(e.getAlert());
      assertEquals("3", e.getModelVersion());
    }
  }
}
