package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.DriftEvent;
import io.igstream.avro.PredictionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's stores through the real topology: the recent rings keep exactly the newest events
 * and alerts of a task, and the global drift history keeps each model's windows in time order,
 * bounded, and survives an unreadable record.
 */
class DashboardStoresTest {
  private static final String DRIFT_TOPIC = "attribution-drift";
  private static final AvroBinarySerde<DriftEvent> DRIFT =
      new AvroBinarySerde<>(DriftEvent.getClassSchema());

  @TempDir Path stateDir;

  private static PredictionEvent event(String id, double... features) {
    return PredictionEvent.newBuilder()
        .setId(id)
        .setModel(KnownAttributionsModel.NAME)
        .setEventTime(TopologyHarness.START)
        .setFeatures(Arrays.stream(features).boxed().toList())
        .build();
  }

  private TopologyHarness harness() {
    return new TopologyHarness(
        ExplainerStreamConfig.defaults().withBatching(1, Duration.ofSeconds(1)),
        ModelCatalog.builder().add(new KnownAttributionsModel(true)).build(),
        stateDir);
  }

  private static <V> List<V> values(KeyValueStore<Long, V> store) {
    List<V> out = new ArrayList<>();
    try (KeyValueIterator<Long, V> all = store.all()) {
      all.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  @Test
  void shouldKeepTheNewestEventsOfATaskWithTheirAttributionsAndFeatures() {
    try (TopologyHarness h = harness()) {
      int sent = DashboardStores.RECENT_PER_TASK + 7;
      for (int i = 0; i < sent; i++) {
        // F(x) = 0.1 + sum: below the 0.5 threshold except every 10th event (an alert).
        double a = i % 10 == 0 ? 0.5 : 0.01;
        h.send(event("e" + i, a, 0.02, i / 1000.0, -0.01));
      }
      KeyValueStore<Long, RecentAttribution> store =
          h.driver.getKeyValueStore(DashboardStores.RECENT_ATTRIBUTIONS);
      List<RecentAttribution> kept = values(store);
      assertEquals(DashboardStores.RECENT_PER_TASK, kept.size(), "bounded ring");
      assertEquals("e7", kept.get(0).id(), "the oldest kept is the 8th sent");
      assertEquals("e" + (sent - 1), kept.get(kept.size() - 1).id());
      RecentAttribution last = kept.get(kept.size() - 1);
      double[] features = {0.01, 0.02, (sent - 1) / 1000.0, -0.01};
      assertArrayEquals(features, last.features());
      // KnownAttributionsModel: attributions = features, exactly complete.
      assertArrayEquals(features, last.attributions());
      assertEquals(0.0, last.completenessError());
      assertEquals(List.of("a", "b", "c", "d"), last.featureNames());
      assertEquals(TopologyHarness.START.toEpochMilli(), last.eventTimeMillis());

      List<RecentAlert> alerts = values(h.driver.getKeyValueStore(DashboardStores.RECENT_ALERTS));
      List<String> alertIds = alerts.stream().map(RecentAlert::id).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < sent; i += 10) {
        expected.add("e" + i);
      }
      assertEquals(expected, alertIds);
      RecentAlert first = alerts.get(0);
      assertEquals(0.5, first.alertThreshold());
      assertFalse(first.reasons().isEmpty(), "the alert carries its reason codes");
      assertEquals(1, first.reasons().get(0).rank());
      assertEquals(h.metrics.alerts(), alerts.size());
    }
  }

  @Test
  void shouldSayWhyAnAlertHasNoReasonsWhenTheModelHasNoCodeTable() {
    try (TopologyHarness h =
        new TopologyHarness(
            ExplainerStreamConfig.defaults().withBatching(1, Duration.ofSeconds(1)),
            ModelCatalog.builder().add(new KnownAttributionsModel(false)).build(),
            stateDir)) {
      h.send(event("big", 0.3, 0.3, 0.0, 0.0));
      List<RecentAlert> alerts = values(h.driver.getKeyValueStore(DashboardStores.RECENT_ALERTS));
      assertEquals(1, alerts.size());
      assertTrue(alerts.get(0).reasons().isEmpty());
      assertNull(alerts.get(0).alertThreshold());
      assertTrue(alerts.get(0).noReasonExplanation().contains("no reason codes"));
      assertEquals(0.7, alerts.get(0).alertScore(), 1e-12, "F(x) = 0.1 + 0.6");
    }
  }

  static DriftEvent drift(String model, long startMillis, boolean alert, double jsd) {
    return DriftEvent.newBuilder()
        .setModel(model)
        .setModelVersion("1")
        .setWindowStart(Instant.ofEpochMilli(startMillis))
        .setWindowEnd(Instant.ofEpochMilli(startMillis + 1000))
        .setEvents(40)
        .setJudged(!Double.isNaN(jsd))
        .setReference("window:1970-01-01T00:00:00Z")
        .setFeatureNames(List.of("a", "b"))
        .setMeanAbsAttribution(List.of(0.3, 0.1))
        .setMeanAttribution(List.of(0.3, -0.1))
        .setShare(List.of(0.75, 0.25))
        .setReferenceShare(List.of(0.5, 0.5))
        .setShareChange(List.of(0.25, -0.25))
        .setJensenShannon(jsd)
        .setTopK(2)
        .setNdcgTopK(Double.NaN)
        .setMovedFeatures(List.of("a", "b"))
        .setAlert(alert)
        .setAlertReasons(alert ? List.of("share of a +0.25 > 0.05") : List.of())
        .build();
  }

  @Test
  void shouldKeepEachModelsDriftWindowsInTimeOrderBoundedAndSkipUnreadableRecords() {
    Topology topology =
        ExplainerTopology.build(
            ExplainerStreamConfig.defaults(),
            ModelCatalog.builder().add(new KnownAttributionsModel(true)).build(),
            TopologyHarness.PREDICTIONS,
            TopologyHarness.ATTRIBUTIONS,
            TopologyHarness.REASON_CODES,
            new StreamMetrics());
    DashboardStores.addDriftHistory(topology, DRIFT_TOPIC, DRIFT);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            topology,
            StreamsSettings.defaults("dash-test", "unused:9092")
                .toProperties(Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())))) {
      TestInputTopic<String, byte[]> topic =
          driver.createInputTopic(DRIFT_TOPIC, new StringSerializer(), new ByteArraySerializer());
      int windows = DashboardStores.DRIFT_WINDOWS_PER_MODEL + 5;
      // Newest first on the topic: the store still orders by window start.
      for (int i = windows - 1; i >= 0; i--) {
        topic.pipeInput(
            "fraud", DRIFT.serialize(DRIFT_TOPIC, drift("fraud", i * 1000L, i == 100, 0.01)));
      }
      topic.pipeInput("fraud", new byte[] {1, 2, 3});
      topic.pipeInput("other", DRIFT.serialize(DRIFT_TOPIC, drift("other", 0, false, Double.NaN)));
      // A window published again replaces its entry.
      topic.pipeInput("other", DRIFT.serialize(DRIFT_TOPIC, drift("other", 0, true, 0.2)));

      KeyValueStore<String, DriftWindow> store =
          driver.getKeyValueStore(DashboardStores.DRIFT_HISTORY);
      List<DriftWindow> all = new ArrayList<>();
      try (KeyValueIterator<String, DriftWindow> it = store.all()) {
        it.forEachRemaining(kv -> all.add(kv.value));
      }
      List<DriftWindow> fraud = all.stream().filter(w -> w.model().equals("fraud")).toList();
      // Bounded by window start, not arrival: the oldest windows (4..0, read last) were trimmed.
      assertEquals(DashboardStores.DRIFT_WINDOWS_PER_MODEL, fraud.size());
      long firstKept = (windows - DashboardStores.DRIFT_WINDOWS_PER_MODEL) * 1000L;
      assertEquals(firstKept, fraud.get(0).windowStartMillis());
      assertEquals((windows - 1) * 1000L, fraud.get(fraud.size() - 1).windowStartMillis());
      DriftWindow alerted = fraud.get((int) (100 - firstKept / 1000));
      assertEquals(100_000L, alerted.windowStartMillis());
      assertTrue(alerted.alert());
      assertEquals(1, fraud.stream().filter(DriftWindow::alert).count());
      assertEquals(List.of("share of a +0.25 > 0.05"), alerted.alertReasons());
      assertArrayEquals(new double[] {0.75, 0.25}, alerted.share());
      assertTrue(Double.isNaN(alerted.ndcgTopK()), "NaN survives the store");
      List<DriftWindow> other = all.stream().filter(w -> w.model().equals("other")).toList();
      assertEquals(1, other.size());
      assertTrue(other.get(0).alert(), "the republished window replaced the first");
      assertEquals(0.2, other.get(0).jensenShannon());
    }
  }
}
