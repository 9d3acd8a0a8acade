package io.igstream.app.kafka;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) running inside this JVM, for the
 * demo and the integration tests. Close it (try-with-resources): its threads keep the JVM alive.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *   kafka.createTopic("events", 3);
 *   String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:41234"
 * }
 * }</pre>
 *
 * <p>How it starts is what {@code kafka-storage.sh format --standalone} followed by {@code
 * kafka-server-start.sh} do: {@code StorageTool.execute} formats the log directory with a one-voter
 * dynamic quorum, then {@code KafkaRaftServer} (artifact {@code kafka_2.13}, no test jars) runs the
 * node. Both are the Kafka 4.3.1 entry points behind those scripts. See {@link BrokerSettings} for
 * the settings a single node needs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int START_ATTEMPTS = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final short REPLICATION = 1;
  private static final Supplier<int[]> FREE_PORTS = () -> FreePorts.pick(BrokerSettings.HOST, 2);
  private static final Supplier<int[]> FREE_PORTS_SECURE =
      () -> FreePorts.pick(BrokerSettings.HOST, 3);

  private final Path root;
  private final boolean ownsRoot;
  private final String clusterId;
  private final String bootstrapServers;
  private final KafkaRaftServer server;
  private final Admin admin;
  private final Duration startupTime;
  private boolean closed;

  private EmbeddedKafkaBroker(
      Path root,
      boolean ownsRoot,
      String clusterId,
      String bootstrapServers,
      KafkaRaftServer server,
      Admin admin,
      Duration startupTime) {
    this.root = root;
    this.ownsRoot = ownsRoot;
    this.clusterId = clusterId;
    this.bootstrapServers = bootstrapServers;
    this.server = server;
    this.admin = admin;
    this.startupTime = startupTime;
  }

  /** Starts a node in a fresh temporary directory, deleted again by {@link #close()}. */
  public static EmbeddedKafkaBroker start() {
    Path root;
    try {
      root = Files.createTempDirectory("igstream-kafka-");
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot create a temporary directory for Kafka", e);
    }
    return start(root, true, FREE_PORTS);
  }

  /**
   * As {@link #start()}, with server properties that replace the defaults of {@link BrokerSettings}
   * (the bench compares broker settings this way, e.g. {@code num.io.threads}).
   */
  public static EmbeddedKafkaBroker start(Map<String, String> overrides) {
    Path root;
    try {
      root = Files.createTempDirectory("igstream-kafka-");
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot create a temporary directory for Kafka", e);
    }
    return start(root, true, FREE_PORTS, Optional.empty(), overrides);
  }

  /**
   * Starts a node in a fresh temporary directory whose clients must connect with SASL/PLAIN over
   * TLS ({@link #bootstrapServers()} is that listener); the node keeps a plaintext listener for
   * itself (inter-broker traffic and {@link #createTopic}).
   */
  public static EmbeddedKafkaBroker start(SaslSslListener secure) {
    Path root;
    try {
      root = Files.createTempDirectory("igstream-kafka-");
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot create a temporary directory for Kafka", e);
    }
    return start(root, true, FREE_PORTS_SECURE, Optional.of(secure), Map.of());
  }

  /**
   * Starts a node in {@code dir} (created if absent, must be empty), which {@link #close()} keeps
   * for inspection: {@code server.properties} and the log directory {@code data/}. Restarting on a
   * used directory is not supported (the controller's port is part of the formatted storage).
   */
  public static EmbeddedKafkaBroker start(Path dir) {
    KraftStorage.requireEmpty(dir);
    return start(dir, false, FREE_PORTS);
  }

  /**
   * Starts a node on the ports {@code ports} hands out ({broker, controller}), asking again when
   * one turns out taken. Package-private so a test can hand out a taken port.
   */
  static EmbeddedKafkaBroker start(Path root, boolean ownsRoot, Supplier<int[]> ports) {
    return start(root, ownsRoot, ports, Optional.empty(), Map.of());
  }

  /**
   * Ports: {client, controller} or, with {@code secure}, {client (SASL_SSL), controller, internal
   * (plaintext)}.
   */
  private static EmbeddedKafkaBroker start(
      Path root,
      boolean ownsRoot,
      Supplier<int[]> ports,
      Optional<SaslSslListener> secure,
      Map<String, String> overrides) {
    long t0 = System.nanoTime();
    String clusterId = Uuid.randomUuid().toString();
    EmbeddedKafkaException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int[] picked = ports.get();
      String bootstrap = BrokerSettings.HOST + ":" + picked[0];
      String own = secure.isPresent() ? BrokerSettings.HOST + ":" + picked[2] : bootstrap;
      KafkaRaftServer server = null;
      Admin admin = null;
      try {
        Path data = root.resolve("data");
        Properties settings =
            secure.isPresent()
                ? BrokerSettings.secure(data, picked[0], picked[1], picked[2], secure.get())
                : BrokerSettings.of(data, picked[0], picked[1]);
        settings.putAll(overrides);
        server = formatAndRun(root, clusterId, settings);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, own));
        awaitReady(admin, own);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        EmbeddedKafkaBroker ready =
            new EmbeddedKafkaBroker(root, ownsRoot, clusterId, bootstrap, server, admin, took);
        LOG.info("{}", ready);
        return ready;
      } catch (RuntimeException e) {
        stop(admin, server);
        failure = e instanceof EmbeddedKafkaException k ? k : wrap(e, root, picked);
        if (!isBindFailure(e) || attempt == START_ATTEMPTS) {
          break;
        }
        LOG.warn(
            "{}; retrying with other ports ({}/{})", failure.getMessage(), attempt, START_ATTEMPTS);
        KraftStorage.deleteContents(root);
      }
    }
    if (ownsRoot) {
      KraftStorage.deleteQuietly(root);
    }
    throw failure;
  }

  /** Formats {@code root} for a one-voter quorum and starts the node; not yet ready. */
  private static KafkaRaftServer formatAndRun(Path root, String clusterId, Properties settings) {
    Properties props = KraftStorage.format(root, clusterId, settings);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      stop(null, server);
      throw e;
    }
    return server;
  }

  /** {@code startup()} returns once the broker is unfenced; this checks a client gets through. */
  private static void awaitReady(Admin admin, String bootstrapServers) {
    try {
      int nodes =
          admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      if (nodes != 1) {
        throw new EmbeddedKafkaException("Kafka reports " + nodes + " brokers, expected 1");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new EmbeddedKafkaException(
          "Kafka started but does not answer at " + bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("interrupted while waiting for Kafka", e);
    }
  }

  /**
   * Creates a topic (replication factor 1) and waits until its metadata shows every partition with
   * a leader, so producers and consumers can use it at once.
   */
  public void createTopic(String name, int partitions) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, REPLICATION)))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      while (!hasLeaders(name, partitions)) {
        if (System.nanoTime() > deadline) {
          throw new EmbeddedKafkaException("topic " + name + " has no leader after " + TIMEOUT);
        }
        Thread.sleep(20);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new EmbeddedKafkaException("cannot create topic " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("interrupted while creating topic " + name, e);
    }
  }

  /**
   * Whether the broker's metadata shows the topic with a leader for every partition. {@code
   * createTopics} completes when the controller has the topic; the broker learns of it a moment
   * later and answers "unknown topic" until then.
   */
  private boolean hasLeaders(String name, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription topic;
    try {
      topic =
          admin
              .describeTopics(List.of(name))
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(name);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
    return topic != null
        && topic.partitions().size() == partitions
        && topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  /** {@code host:port} for {@code bootstrap.servers} (and {@code kcat -b}). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String clusterId() {
    return clusterId;
  }

  /** The directory holding {@code server.properties} and the log directory {@code data/}. */
  public Path directory() {
    return root;
  }

  /** From {@link #start()} until a client got through to the ready broker. */
  public Duration startupTime() {
    return startupTime;
  }

  /** One line for users: where to connect and what this is. */
  @Override
  public String toString() {
    return "Kafka "
        + AppInfoParser.getVersion()
        + " (KRaft, 1 node) ready at "
        + bootstrapServers
        + " in "
        + startupTime.toMillis()
        + " ms; cluster id "
        + clusterId
        + ", data in "
        + root;
  }

  /** Stops the node, waits for its threads to end and deletes a temporary directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(admin, server);
    if (ownsRoot) {
      KraftStorage.deleteQuietly(root);
    }
  }

  private static void stop(Admin admin, KafkaRaftServer server) {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static EmbeddedKafkaException wrap(RuntimeException e, Path root, int[] ports) {
    String why =
        isBindFailure(e)
            ? "port "
                + ports[0]
                + " (broker) or "
                + ports[1]
                + " (controller) on "
                + BrokerSettings.HOST
                + " is taken by another process"
            : e.getMessage();
    return new EmbeddedKafkaException("Kafka did not start in " + root + ": " + why, e);
  }
}
