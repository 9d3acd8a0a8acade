package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.config.ConfigSources;
import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.kafka.SaslSslListener;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.synth.FraudTransactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explainer against a secured cluster, configured the way README's "Secure a cluster
 * connection" says: the in-process KRaft broker takes SASL/PLAIN over TLS only (a CA and a broker
 * certificate generated here), the registry serves HTTPS with basic auth, and the secrets come in
 * as IGSTREAM_KAFKA_* environment variables. Events are explained end to end; a wrong Kafka
 * password, a wrong registry password or a missing trust store make {@code igstream run} fail
 * within seconds with a message naming what failed and the keys to check, and no stack trace.
 */
class SecureClusterIT {
  private static final String KAFKA_USER = "igstream";
  private static final String KAFKA_PASSWORD = "kafka-secret-1";
  private static final String REGISTRY_USER = "igstream-registry";
  private static final String REGISTRY_PASSWORD = "registry-secret-1";
  private static final int EVENTS = 120;

  @TempDir static Path dir;
  private static TestCertificates certs;
  private static Path model;
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedSchemaRegistry registry;

  @BeforeAll
  static void startSecuredCluster() throws Exception {
    certs = TestCertificates.create(dir);
    model = dir.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(3).withSizes(1500, 300, 2));
    kafka =
        EmbeddedKafkaBroker.start(
            new SaslSslListener(
                certs.serverKeystore(),
                certs.password(),
                Map.of(KAFKA_USER, KAFKA_PASSWORD, "someone-else", "other")));
    registry =
        EmbeddedSchemaRegistry.builder()
            .https(certs.serverContext())
            .basicAuth(REGISTRY_USER, REGISTRY_PASSWORD)
            .build()
            .start();
    EmbeddedTopics.create(kafka, ExplainerStreamConfig.defaults());
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /** The properties file of README's example: no secret in it. */
  private static Map<String, String> properties(String stateName) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("igstream.models", model.toString());
    p.put("igstream.http.port", "0");
    p.put("igstream.explain.flush.interval.ms", "200");
    p.put("application.id", "igstream-secure-" + stateName);
    p.put("state.dir", dir.resolve("state-" + stateName).toString());
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", "PLAIN");
    p.put("ssl.truststore.location", certs.truststore().toString());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("schema.registry.url", registry.url());
    p.put("basic.auth.credentials.source", "USER_INFO");
    p.put("schema.registry.ssl.truststore.location", certs.truststore().toString());
    p.put("schema.registry.ssl.truststore.type", "PKCS12");
    return p;
  }

  /** The secrets, as environment variables from Kubernetes Secrets would carry them. */
  private static Map<String, String> secrets(String kafkaPassword, String registryPassword) {
    return Map.of(
        "IGSTREAM_KAFKA_SASL_JAAS_CONFIG", jaas(KAFKA_USER, kafkaPassword),
        "IGSTREAM_KAFKA_SSL_TRUSTSTORE_PASSWORD", certs.password(),
        "IGSTREAM_KAFKA_BASIC_AUTH_USER_INFO", REGISTRY_USER + ":" + registryPassword,
        "IGSTREAM_KAFKA_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", certs.password());
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static Path write(String name, Map<String, String> properties) throws IOException {
    Path file = dir.resolve(name + ".properties");
    Files.writeString(
        file,
        properties.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
            .collect(Collectors.joining("\n")));
    return file;
  }

  @Test
  void shouldExplainEventsOverSaslSslWithTheRegistryOverTlsAndBasicAuth() throws Exception {
    Path file = write("secure", properties("ok"));
    ExplainerAppConfig config =
        new ExplainerAppConfig(
            ConfigSources.load(
                file,
                secrets(KAFKA_PASSWORD, REGISTRY_PASSWORD),
                ExplainerAppConfig.DEFINITION.names()));
    Map<String, Object> client = new HashMap<>(config.passThrough());
    try (ExplainerRuntime runtime =
        ExplainerRuntime.start(RunCommand.settings(config), config.device())) {
      runtime.service().awaitReady(Duration.ofSeconds(60));
      produce(client);
      List<AttributionEvent> out = readAttributions(client, Duration.ofSeconds(120));
      Set<String> ids = new HashSet<>();
      for (AttributionEvent a : out) {
        assertTrue(ids.add(a.getId()), "explained twice: " + a.getId());
        assertTrue(Double.isFinite(a.getPrediction()));
      }
      assertEquals(EVENTS, out.size(), "every event explained once over SASL_SSL");
      assertEquals(0, runtime.metrics().deadLetteredTotal(), "the registry let the serde in");
    }
  }

  @Test
  void shouldFailFastNamingTheKafkaLoginWhenItsPasswordIsWrong() throws IOException {
    Map<String, String> p = properties("bad-kafka");
    p.put("sasl.jaas.config", jaas(KAFKA_USER, "not-the-password"));
    p.put("ssl.truststore.password", certs.password());
    p.put("basic.auth.user.info", REGISTRY_USER + ":" + REGISTRY_PASSWORD);
    p.put("schema.registry.ssl.truststore.password", certs.password());
    String err = runFails(write("bad-kafka", p));
    assertTrue(err.contains("Kafka at " + kafka.bootstrapServers() + " refused the login"), err);
    assertTrue(err.contains("sasl.jaas.config"), err);
  }

  @Test
  void shouldFailFastNamingTheRegistryCredentialsWhenTheyAreWrong() throws IOException {
    Map<String, String> p = properties("bad-registry");
    p.put("sasl.jaas.config", jaas(KAFKA_USER, KAFKA_PASSWORD));
    p.put("ssl.truststore.password", certs.password());
    p.put("basic.auth.user.info", REGISTRY_USER + ":not-the-password");
    p.put("schema.registry.ssl.truststore.password", certs.password());
    String err = runFails(write("bad-registry", p));
    assertTrue(
        err.contains(
            "Schema Registry at " + registry.url() + " refused the credentials (HTTP 401)"),
        err);
    assertTrue(err.contains("basic.auth.user.info"), err);
  }

  @Test
  void shouldFailFastNamingTheTrustStoreWhenTheBrokerIsNotTrusted() throws IOException {
    Map<String, String> p = properties("no-trust");
    p.remove("ssl.truststore.location");
    p.remove("ssl.truststore.type");
    p.put("sasl.jaas.config", jaas(KAFKA_USER, KAFKA_PASSWORD));
    p.put("basic.auth.user.info", REGISTRY_USER + ":" + REGISTRY_PASSWORD);
    p.put("schema.registry.ssl.truststore.password", certs.password());
    String err = runFails(write("no-trust", p));
    assertTrue(err.contains("the TLS handshake failed"), err);
    assertTrue(err.contains("ssl.truststore.location"), err);
  }

  /** Runs {@code igstream run} in-process; it must exit 1 within the check's timeout. */
  private static String runFails(Path config) {
    long started = System.nanoTime();
    CliRunner r = CliRunner.run("run", "--config", config.toString());
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(seconds < 25, "failed fast, not after retrying: " + seconds + " s");
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(r.err().contains("unexpected"), "a known failure, said so: " + r.err());
    System.out.printf("SecureClusterIT: failed in %.1f s: %s", seconds, r.err());
    return r.err();
  }

  private static void produce(Map<String, Object> client) {
    Map<String, Object> p = kafkaClient(client);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(client, false);
    FraudTransactions transactions = new FraudTransactions(31);
    try (KafkaProducer<String, PredictionEvent> producer =
        new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      for (int i = 0; i < EVENTS; i++) {
        List<Double> features = new ArrayList<>();
        for (double f : transactions.next().features()) {
          features.add(f);
        }
        producer.send(
            new ProducerRecord<>(
                "predictions",
                "k" + i,
                PredictionEvent.newBuilder()
                    .setId("s" + i)
                    .setModel("fraud-demo")
                    .setEventTime(Instant.now())
                    .setFeatures(features)
                    .build()));
      }
    }
  }

  private static List<AttributionEvent> readAttributions(
      Map<String, Object> client, Duration timeout) {
    Map<String, Object> p = kafkaClient(client);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-reader");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConfluentAvroDeserializer<AttributionEvent> deserializer =
        new ConfluentAvroDeserializer<>(AttributionEvent.class);
    deserializer.configure(client, false);
    List<AttributionEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, AttributionEvent> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of("attributions"));
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int before = out.size();
        for (ConsumerRecord<String, AttributionEvent> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
        if (out.size() != before) {
          quietSince = System.nanoTime();
        }
        if (out.size() >= EVENTS && System.nanoTime() - quietSince > 2_000_000_000L) {
          break;
        }
      }
    }
    return out;
  }

  /** The explainer's own Kafka security settings, for the test's producer and consumer. */
  private static Map<String, Object> kafkaClient(Map<String, Object> client) {
    Map<String, Object> p = new HashMap<>();
    for (String key :
        List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.truststore.type")) {
      p.put(key, client.get(key));
    }
    return p;
  }
}
