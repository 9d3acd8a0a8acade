package io.igstream.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over the dashboard's stores ({@link DashboardStores}) of one running
 * instance: its LOCAL tasks' recent events and alerts, and the global drift history (the whole
 * picture on every instance). Which other instances exist comes from the group's metadata; the app
 * asks each of them over HTTP for its local slice.
 *
 * <p>While the instance rebalances its stores cannot be queried: the answer is then empty and
 * {@link Slice#queryable()} false, never an exception.
 */
public final class DashboardQueries {
  /**
   * The Kafka Streams key each instance advertises its dashboard's {@code host:port} under; the
   * group's metadata then lists every instance's address.
   */
  public static final String APPLICATION_SERVER_CONFIG = StreamsConfig.APPLICATION_SERVER_CONFIG;

  private final KafkaStreams streams;

  DashboardQueries(KafkaStreams streams) {
    this.streams = streams;
  }

  /** What one query found; {@code queryable} false when the stores were unavailable. */
  public record Slice<T>(List<T> items, boolean queryable) {}

  /** This instance's latest explained events, newest first, at most {@code limit}. */
  public Slice<RecentAttribution> recentAttributions(int limit) {
    return newest(
        DashboardStores.RECENT_ATTRIBUTIONS,
        limit,
        Comparator.comparingLong(RecentAttribution::explainedAtMillis)
            .thenComparingLong(RecentAttribution::instanceSeq));
  }

  /** This instance's latest alerts, newest first, at most {@code limit}. */
  public Slice<RecentAlert> recentAlerts(int limit) {
    return newest(
        DashboardStores.RECENT_ALERTS,
        limit,
        Comparator.comparingLong(RecentAlert::explainedAtMillis)
            .thenComparingLong(RecentAlert::instanceSeq));
  }

  /** Every model's kept drift windows, oldest first, by model name. */
  public Map<String, List<DriftWindow>> driftHistory() {
    Map<String, List<DriftWindow>> out = new LinkedHashMap<>();
    ReadOnlyKeyValueStore<String, DriftWindow> store;
    try {
      store = store(DashboardStores.DRIFT_HISTORY);
      try (KeyValueIterator<String, DriftWindow> all = store.all()) {
        while (all.hasNext()) {
          DriftWindow w = all.next().value;
          out.computeIfAbsent(w.model(), m -> new ArrayList<>()).add(w);
        }
      }
    } catch (InvalidStateStoreException e) {
      return Map.of();
    }
    return out;
  }

  /**
   * The {@code host:port} every instance of the application advertises ({@code
   * application.server}), this one included; empty before the first rebalance.
   */
  public List<String> instances() {
    List<String> out = new ArrayList<>();
    Collection<StreamsMetadata> group;
    try {
      group = streams.metadataForAllStreamsClients();
    } catch (StreamsException | IllegalStateException e) {
      // Not started, or shutting down: this instance alone is the group it knows.
      return List.of();
    }
    for (StreamsMetadata m : group) {
      HostInfo h = m.hostInfo();
      String address = h.host() + ":" + h.port();
      if (!out.contains(address)) {
        out.add(address);
      }
    }
    return out;
  }

  private <V> Slice<V> newest(String storeName, int limit, Comparator<V> oldestFirst) {
    List<V> all = new ArrayList<>();
    try {
      ReadOnlyKeyValueStore<Long, V> store = store(storeName);
      try (KeyValueIterator<Long, V> it = store.all()) {
        it.forEachRemaining(kv -> all.add(kv.value));
      }
    } catch (InvalidStateStoreException e) {
      return new Slice<>(List.of(), false);
    }
    all.sort(oldestFirst.reversed());
    return new Slice<>(List.copyOf(all.subList(0, Math.min(limit, all.size()))), true);
  }

  private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
  }
}
