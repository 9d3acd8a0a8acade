package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.DriftEvent;
import io.igstream.drift.DriftWindows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drift processor's wall-clock rule on its own, where the pipeline is not synchronous: time
 * runs on only while nothing arrives AND this instance publishes no attribution of the model.
 * Windows of 1 s, grace 200 ms; the wall clock starts at 0.
 */
class DriftIdleRuleTest {
  private final StreamMetrics metrics = new StreamMetrics();
  private final MockProcessorContext<String, DriftEvent> context = new MockProcessorContext<>();
  private final DriftProcessor processor =
      new DriftProcessor(
          ExplainerStreamConfig.defaults()
              .drift()
              .withWindows(DriftWindows.tumbling(1000), Duration.ofMillis(200), 1),
          Map.of(),
          metrics);

  @BeforeEach
  void initWithInMemoryStores() {
    addStore(DriftTopology.WINDOW_STORE, DriftSerdes.window());
    addStore(DriftTopology.MODEL_STORE, DriftSerdes.model());
    context.setCurrentSystemTimeMs(0);
    context.setCurrentStreamTimeMs(-1); // what a task reports before its first record
    processor.init(context);
  }

  private <V> void addStore(String name, org.apache.kafka.common.serialization.Serde<V> serde) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private void tick(long wallMillis) {
    context.setCurrentSystemTimeMs(wallMillis);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(wallMillis);
  }

  private void arrive(String model, long timestamp) {
    processor.process(
        new Record<>(
            model,
            new DriftContribution(Optional.empty(), List.of("a", "b"), new double[] {1, 2}),
            timestamp));
  }

  @Test
  void shouldWaitWhileTheModelIsStillBeingExplainedAndCloseOnceAllIsQuiet() {
    arrive("m", 900); // stream time 900: window [0, 1000) closes at 1200
    metrics.recordExplainedAt("m", 250);
    tick(300); // idle since 250: 900 + 50 < 1200
    metrics.recordExplainedAt("m", 400); // still explaining m's events here
    tick(600); // idle since 400: 900 + 200 < 1200
    assertTrue(context.forwarded().isEmpty());
    tick(700); // idle since 400: 900 + 300 >= 1200
    assertEquals(1, context.forwarded().size());
    assertEquals(1, context.forwarded().get(0).record().value().getEvents());
  }

  @Test
  void shouldNotLetAnotherModelsActivityHoldAQuietModelsWindowOpen() {
    arrive("quiet", 900);
    metrics.recordExplainedAt("busy", 1_000_000);
    tick(400); // quiet's idle since its arrival at 0: 900 + 400 >= 1200
    assertEquals(1, context.forwarded().size());
    assertEquals("quiet", context.forwarded().get(0).record().key());
  }
}
