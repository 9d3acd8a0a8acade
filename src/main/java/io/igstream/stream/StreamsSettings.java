package io.igstream.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings igstream runs with, kept apart from the topology (as in Confluent's
 * kafka-streams-examples): the app wires {@code new KafkaStreams(ExplainerTopology.build(...),
 * settings.toProperties(clientSettings))}.
 *
 * @param applicationId consumer group, transactional id prefix and internal topic prefix
 * @param bootstrapServers the cluster
 * @param streamThreads stream threads in this instance (they share the loaded models)
 * @param replicationFactor of internal topics (the buffer changelog); -1 = the broker's default
 * @param commitInterval how often the EOS transaction commits: output latency vs overhead
 */
public record StreamsSettings(
    String applicationId,
    String bootstrapServers,
    int streamThreads,
    int replicationFactor,
    Duration commitInterval) {

  /**
   * Two: a stream thread runs its tasks' explain calls (Java bookkeeping and TensorFlow) one after
   * another, so one thread keeps at most one core busy; the target machine has two, and the threads
   * share the loaded models. Measured in BENCHMARKS.md (with the 100 ms flush interval). More
   * threads than input partitions sit idle; set {@code num.stream.threads} to change it.
   */
  public static final int DEFAULT_STREAM_THREADS = 2;

  public static final int DEFAULT_REPLICATION_FACTOR = -1;

  /** The Kafka Streams default under exactly-once. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

  public StreamsSettings {
    if (applicationId == null || applicationId.isBlank()) {
      throw new ConfigException(StreamsConfig.APPLICATION_ID_CONFIG, applicationId, "required");
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ConfigException(
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, "required");
    }
    if (streamThreads < 1) {
      throw new ConfigException(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads, "min 1");
    }
    if (replicationFactor < 1 && replicationFactor != -1) {
      throw new ConfigException(
          StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor, "at least 1, or -1");
    }
    if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
      throw new ConfigException(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval, "> 0");
    }
  }

  public static StreamsSettings defaults(String applicationId, String bootstrapServers) {
    return new StreamsSettings(
        applicationId,
        bootstrapServers,
        DEFAULT_STREAM_THREADS,
        DEFAULT_REPLICATION_FACTOR,
        DEFAULT_COMMIT_INTERVAL);
  }

  /**
   * The properties for {@code KafkaStreams}. {@code clientSettings} pass through (security, client
   * tuning, {@code state.dir}, ...) and win over these defaults, except that exactly-once cannot be
   * switched off: the explain buffer's loss-freedom depends on it. RocksDB stores share one memory
   * budget ({@link BoundedRocksDbMemory}).
   */
  public Properties toProperties(Map<String, ?> clientSettings) {
    Object guarantee = clientSettings.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (guarantee != null && !StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee.toString())) {
      throw new ConfigException(
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          guarantee,
          "igstream requires " + StreamsConfig.EXACTLY_ONCE_V2);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
    // One off-heap budget for all RocksDB stores (a client setting of the same key still wins).
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
    clientSettings.forEach(
        (k, v) -> {
          Object mine = p.get(k);
          boolean identity =
              k.equals(StreamsConfig.APPLICATION_ID_CONFIG)
                  || k.equals(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
          if (identity && mine != null && !mine.toString().equals(String.valueOf(v))) {
            throw new ConfigException(k, v, "conflicts with the value given: " + mine);
          }
          p.put(k, v);
        });
    return p;
  }
}
