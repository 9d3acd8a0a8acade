package io.igstream.app.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of one combined broker+controller KRaft node on the loopback address.
 *
 * <p>Kafka's defaults assume three brokers: internal topics want replication factor 3 and min ISR
 * 2. On one node the group coordinator, the transaction coordinator and the share coordinator then
 * never get their topics, and consumer groups and {@code exactly_once_v2} hang without an error. So
 * every internal topic here has replication factor 1 and min ISR 1, and one partition (50 by
 * default: a single node creates them faster and the demo has no load to spread).
 *
 * <p>Automatic topic creation is OFF: the app creates its topics itself, so a typo in a topic name
 * fails instead of silently creating an empty topic.
 *
 * <p>Names checked against {@code KafkaConfig.configDef()} of Kafka 4.3.1 (see {@code
 * BrokerSettingsTest}).
 */
final class BrokerSettings {
  /** An address, not a name: "localhost" may resolve to ::1 first, where nothing listens. */
  static final String HOST = "127.0.0.1";

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String SECURE_LISTENER = "SASL_SSL";
  static final String INTERNAL_LISTENER = "INTERNAL";

  private BrokerSettings() {}

  /** Settings for a node whose log (and metadata log) live in {@code logDir}. */
  static Properties of(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    // KRaft, one node that is both the broker and the only controller voter.
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty(
        "listeners",
        BROKER_LISTENER
            + "://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    p.setProperty("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
    p.setProperty("inter.broker.listener.name", BROKER_LISTENER);
    p.setProperty(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("metadata.log.dir", logDir.toString());

    // Consumer groups: __consumer_offsets must be creatable on one node.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    // Transactions and exactly_once_v2: __transaction_state likewise.
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    // Share groups (KIP-932): __share_group_state likewise.
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    // Topics the app creates.
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("auto.create.topics.enable", "false");

    // No 3 s wait for more members before the first assignment (classic and streams protocols).
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.streams.initial.rebalance.delay.ms", "0");

    // Transactions v2 (KIP-890, the default): a produce that starts the next transaction while
    // the previous one's markers are still being written gets CONCURRENT_TRANSACTIONS once the
    // broker's own retries (100 ms by default) run out; the producer then backs off 100 ms and
    // more, and its pipelined batches come back OutOfOrderSequence and are retried too. On a busy
    // machine that put 2-3 s into the p99 of exactly_once_v2 output (bench, back to back: 10
    // CONCURRENT_TRANSACTIONS and p99 2751 ms at the default, none and 493 ms at 1 s). Waiting up
    // to 1 s on the broker, where the markers are, ends the wait as soon as they are written.
    p.setProperty("add.partitions.to.txn.retry.backoff.max.ms", "1000");

    // A stuck start-up (e.g. a quorum that never forms) fails instead of hanging forever.
    p.setProperty("server.max.startup.time.ms", "60000");
    // The cleaner (compacted topics: offsets, changelogs) preallocates 128 MiB by default.
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    return p;
  }

  /**
   * Settings for a node whose clients connect with SASL/PLAIN over TLS on {@code securePort}. The
   * broker itself (inter-broker traffic, and the embedded broker's own admin client that creates
   * topics) uses a plaintext listener on {@code internalPort}, so that it needs no credentials of
   * its own; the controller listener stays plaintext too. All three bind the loopback address.
   */
  static Properties secure(
      Path logDir, int securePort, int controllerPort, int internalPort, SaslSslListener tls) {
    Properties p = of(logDir, securePort, controllerPort);
    String secure = SECURE_LISTENER + "://" + HOST + ":" + securePort;
    String internal = INTERNAL_LISTENER + "://" + HOST + ":" + internalPort;
    p.setProperty(
        "listeners",
        secure + "," + internal + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.setProperty("advertised.listeners", secure + "," + internal);
    p.setProperty("inter.broker.listener.name", INTERNAL_LISTENER);
    p.setProperty(
        "listener.security.protocol.map",
        SECURE_LISTENER
            + ":SASL_SSL,"
            + INTERNAL_LISTENER
            + ":PLAINTEXT,"
            + CONTROLLER_LISTENER
            + ":PLAINTEXT");
    String prefix = "listener.name." + SECURE_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
    p.setProperty("sasl.enabled.mechanisms", "PLAIN");
    p.setProperty(prefix + "sasl.enabled.mechanisms", "PLAIN");
    p.setProperty(prefix + "plain.sasl.jaas.config", tls.jaasConfig());
    p.setProperty(prefix + "ssl.keystore.location", tls.keystore().toString());
    p.setProperty(prefix + "ssl.keystore.password", tls.keystorePassword());
    p.setProperty(prefix + "ssl.key.password", tls.keystorePassword());
    p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
    p.setProperty(prefix + "ssl.client.auth", "none");
    return p;
  }
}
