package io.igstream.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker stored per topic: end offsets (records plus transaction markers, which take an
 * offset each) and log bytes. Unlike rates, these counts do not depend on how busy the machine is,
 * so two settings can be compared on a shared machine by what they make the broker write.
 *
 * @param offsets end offset summed over a topic's partitions
 * @param bytes log size summed over a topic's partitions
 */
record BenchTopicTraffic(Map<String, Long> offsets, Map<String, Long> bytes) {

  static BenchTopicTraffic take(String bootstrapServers) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Map<String, Long> bytes = new TreeMap<>();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (LogDirDescription dir :
          admin
              .describeLogDirs(List.of(1))
              .allDescriptions()
              .get(10, TimeUnit.SECONDS)
              .get(1)
              .values()) {
        for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
          bytes.merge(r.getKey().topic(), r.getValue().size(), Long::sum);
          latest.put(r.getKey(), OffsetSpec.latest());
        }
      }
      Map<String, Long> offsets = new TreeMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(10, TimeUnit.SECONDS)
          .forEach((tp, o) -> offsets.merge(tp.topic(), o.offset(), Long::sum));
      return new BenchTopicTraffic(offsets, bytes);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the broker's topic sizes: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading topic sizes", e);
    }
  }

  /** Per topic: {offsets, bytes} written since {@code earlier}, divided by {@code events}. */
  Map<String, double[]> perEventSince(BenchTopicTraffic earlier, int events) {
    Map<String, double[]> out = new TreeMap<>();
    offsets.forEach(
        (topic, end) -> {
          double records = (end - earlier.offsets.getOrDefault(topic, 0L)) / (double) events;
          double size =
              (bytes.getOrDefault(topic, 0L) - earlier.bytes.getOrDefault(topic, 0L))
                  / (double) events;
          if (records > 0 || size > 0) {
            out.put(topic, new double[] {records, size});
          }
        });
    return out;
  }
}
