package io.igstream.stream;

import io.igstream.avro.DriftEvent;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The small state stores the dashboard queries (interactive queries), all in memory and without a
 * changelog: they are a live view, refilled within seconds by the traffic itself, never a record of
 * truth. Each is bounded, so the dashboard costs the same memory after a day as after a minute.
 *
 * <ul>
 *   <li>{@value #RECENT_ATTRIBUTIONS}, per task: the latest {@value #RECENT_PER_TASK} explained
 *       events of the task's partition (a ring keyed by a per-task sequence number).
 *   <li>{@value #RECENT_ALERTS}, per task: the latest {@value #RECENT_PER_TASK} alerts.
 *   <li>{@value #DRIFT_HISTORY}, GLOBAL (every instance reads every partition of the drift topic):
 *       the latest {@value #DRIFT_WINDOWS_PER_MODEL} drift windows of each model.
 * </ul>
 */
public final class DashboardStores {
  public static final String RECENT_ATTRIBUTIONS = "dashboard-recent-attributions";
  public static final String RECENT_ALERTS = "dashboard-recent-alerts";
  public static final String DRIFT_HISTORY = "dashboard-drift-history";
  static final String DRIFT_SOURCE = "drift-history-source";
  static final String DRIFT_PROCESSOR = "drift-history";

  /** Latest explained events and alerts kept per task (per input partition). */
  public static final int RECENT_PER_TASK = 50;

  /** Drift windows kept per model (a day of 6-minute windows, two hours of 30-second ones). */
  public static final int DRIFT_WINDOWS_PER_MODEL = 240;

  private DashboardStores() {}

  static StoreBuilder<KeyValueStore<Long, RecentAttribution>> recentAttributions() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(RECENT_ATTRIBUTIONS),
            Serdes.Long(),
            RecentAttributionSerde.serde())
        .withLoggingDisabled();
  }

  static StoreBuilder<KeyValueStore<Long, RecentAlert>> recentAlerts() {
    return Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(RECENT_ALERTS),
            Serdes.Long(),
            JsonStoreSerde.of(RecentAlert.class))
        .withLoggingDisabled();
  }

  /**
   * Adds the global drift-history store over {@code driftTopic}. The topic must exist before the
   * instance starts (a global store on a missing topic stops Kafka Streams): the app checks. Since
   * Kafka 3.8 a global store's processor also runs when the store is rebuilt from the topic at
   * start-up (KAFKA-7663), so the history is keyed and bounded the same way after a restart.
   *
   * <p>The source reads bytes and the processor decodes them: a record that cannot be read is
   * logged and skipped, where a failing deserializer would stop the global thread and with it the
   * whole instance.
   *
   * @param driftEvents reads {@code DriftEvent} values (configured by the caller)
   */
  public static void addDriftHistory(
      Topology topology, String driftTopic, Deserializer<DriftEvent> driftEvents) {
    Objects.requireNonNull(driftEvents, "driftEvents");
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(DRIFT_HISTORY),
                Serdes.String(),
                JsonStoreSerde.of(DriftWindow.class))
            .withLoggingDisabled(),
        DRIFT_SOURCE,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        driftTopic,
        DRIFT_PROCESSOR,
        () -> new DriftHistoryProcessor(driftTopic, driftEvents));
  }
}
