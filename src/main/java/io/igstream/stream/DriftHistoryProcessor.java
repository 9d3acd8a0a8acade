package io.igstream.stream;

import io.igstream.avro.DriftEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@value DashboardStores#DRIFT_HISTORY} store: each drift event under {@code
 * model NUL zero-padded windowStart} (so a model's windows are one prefix, in time order), at most
 * {@value DashboardStores#DRIFT_WINDOWS_PER_MODEL} per model (the oldest go first). A window
 * published again (a replay) replaces its earlier entry.
 */
final class DriftHistoryProcessor implements Processor<byte[], byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(DriftHistoryProcessor.class);
  private static final char SEPARATOR = '\u0000';

  private final String topic;
  private final Deserializer<DriftEvent> driftEvents;
  private KeyValueStore<String, DriftWindow> store;

  DriftHistoryProcessor(String topic, Deserializer<DriftEvent> driftEvents) {
    this.topic = topic;
    this.driftEvents = driftEvents;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(DashboardStores.DRIFT_HISTORY);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    DriftEvent event;
    try {
      event = driftEvents.deserialize(topic, record.headers(), record.value());
    } catch (RuntimeException e) {
      LOG.warn("skipping a drift record the dashboard cannot read: {}", e.toString());
      return;
    }
    if (event == null) {
      return;
    }
    DriftWindow window = toWindow(event);
    store.put(key(window.model(), window.windowStartMillis()), window);
    trim(window.model());
  }

  static String key(String model, long windowStartMillis) {
    return model + SEPARATOR + String.format("%020d", windowStartMillis);
  }

  static String prefix(String model) {
    return model + SEPARATOR;
  }

  private void trim(String model) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, DriftWindow> it =
        store.prefixScan(prefix(model), new StringSerializer())) {
      while (it.hasNext()) {
        keys.add(it.next().key);
      }
    }
    for (int i = 0; i < keys.size() - DashboardStores.DRIFT_WINDOWS_PER_MODEL; i++) {
      store.delete(keys.get(i));
    }
  }

  static DriftWindow toWindow(DriftEvent e) {
    return new DriftWindow(
        e.getModel(),
        e.getModelVersion(),
        e.getWindowStart().toEpochMilli(),
        e.getWindowEnd().toEpochMilli(),
        e.getEvents(),
        e.getJudged(),
        e.getReference(),
        List.copyOf(e.getFeatureNames()),
        toArray(e.getShare()),
        toArray(e.getReferenceShare()),
        toArray(e.getShareChange()),
        e.getJensenShannon(),
        e.getTopK(),
        e.getNdcgTopK(),
        List.copyOf(e.getMovedFeatures()),
        e.getAlert(),
        List.copyOf(e.getAlertReasons()));
  }

  private static double[] toArray(List<Double> values) {
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }
}
