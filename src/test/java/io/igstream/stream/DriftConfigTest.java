package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.drift.DriftThresholds;
import io.igstream.drift.DriftWindows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The igstream.drift.* keys: defaults, parsing, and refusals that name the key. */
class DriftConfigTest {
  @Test
  void shouldDefaultToHourlyTumblingWindowsAgainstTheFirstWindow() {
    DriftConfig d = ExplainerStreamConfig.defaults().drift();
    assertTrue(d.enabled());
    assertEquals("attribution-drift", d.topic());
    assertEquals(DriftWindows.tumbling(3_600_000), d.windows());
    assertEquals(Duration.ofMinutes(1), d.grace());
    assertEquals(100, d.minEvents());
    assertEquals(List.of(), d.referenceFiles(), "reference=first");
    assertEquals(DriftThresholds.defaults(), d.thresholds());
    assertEquals(Duration.ofSeconds(1), d.punctuationInterval());
  }

  @Test
  void shouldParseEveryDriftKey() {
    DriftConfig d =
        ExplainerStreamConfig.fromMap(
                Map.ofEntries(
                    Map.entry(ExplainerStreamConfig.DRIFT_ENABLED_CONFIG, "false"),
                    Map.entry(ExplainerStreamConfig.DRIFT_TOPIC_CONFIG, "drift"),
                    Map.entry(ExplainerStreamConfig.DRIFT_WINDOW_MS_CONFIG, "60000"),
                    Map.entry(ExplainerStreamConfig.DRIFT_ADVANCE_MS_CONFIG, "15000"),
                    Map.entry(ExplainerStreamConfig.DRIFT_GRACE_MS_CONFIG, "5000"),
                    Map.entry(ExplainerStreamConfig.DRIFT_MIN_EVENTS_CONFIG, "20"),
                    Map.entry(ExplainerStreamConfig.DRIFT_REFERENCE_CONFIG, "/p/a.json, /p/b.json"),
                    Map.entry(ExplainerStreamConfig.DRIFT_TOPK_CONFIG, "3"),
                    Map.entry(ExplainerStreamConfig.DRIFT_SHARE_THRESHOLD_CONFIG, "0.1"),
                    Map.entry(ExplainerStreamConfig.DRIFT_JSD_THRESHOLD_CONFIG, "0.05"),
                    Map.entry(ExplainerStreamConfig.DRIFT_NDCG_THRESHOLD_CONFIG, "0.8")))
            .drift();
    assertFalse(d.enabled());
    assertEquals("drift", d.topic());
    assertEquals(new DriftWindows(60_000, 15_000), d.windows());
    assertEquals(Duration.ofSeconds(5), d.grace());
    assertEquals(20, d.minEvents());
    assertEquals(List.of("/p/a.json", "/p/b.json"), d.referenceFiles());
    assertEquals(new DriftThresholds(3, 0.1, 0.05, 0.8), d.thresholds());
  }

  @Test
  void shouldRefuseAnAdvanceBeyondTheWindowAnEmptyReferenceAndASharedTopic() {
    ConfigException advance =
        assertThrows(
            ConfigException.class,
            () ->
                ExplainerStreamConfig.fromMap(
                    Map.of(
                        ExplainerStreamConfig.DRIFT_WINDOW_MS_CONFIG, "1000",
                        ExplainerStreamConfig.DRIFT_ADVANCE_MS_CONFIG, "2000")));
    assertTrue(advance.getMessage().contains(ExplainerStreamConfig.DRIFT_ADVANCE_MS_CONFIG));
    ConfigException reference =
        assertThrows(
            ConfigException.class,
            () ->
                ExplainerStreamConfig.fromMap(
                    Map.of(ExplainerStreamConfig.DRIFT_REFERENCE_CONFIG, " ")));
    assertTrue(reference.getMessage().contains("bin/igstream profile"), reference.getMessage());
    ConfigException topic =
        assertThrows(
            ConfigException.class,
            () ->
                ExplainerStreamConfig.fromMap(
                    Map.of(ExplainerStreamConfig.DRIFT_TOPIC_CONFIG, "attributions")));
    assertTrue(topic.getMessage().contains("drift topics must differ"), topic.getMessage());
    assertThrows(
        ConfigException.class,
        () ->
            ExplainerStreamConfig.fromMap(
                Map.of(ExplainerStreamConfig.DRIFT_SHARE_THRESHOLD_CONFIG, "0")));
  }
}
