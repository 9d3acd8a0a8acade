package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.stream.ExplainerStreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming explainer on a real in-process KRaft broker, exactly-once, with the Confluent serde
 * and the embedded registry: every prediction in gives exactly one attribution out.
 */
class StreamingExplainerIT {
  private static final int EVENTS = 10_000;

  @TempDir Path dir;

  @Test
  void shouldExplainTenThousandEventsExactlyOnceInBatches() throws Exception {
    Path model = dir.resolve("fraud");
    FraudModelTrainer.train(model, TrainingConfig.defaults(21).withSizes(4000, 1000, 3));
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start()) {
      kafka.createTopic("predictions", 3);
      kafka.createTopic("attributions", 3);
      kafka.createTopic("predictions-dlq", 1);
      Map<String, Object> clients =
          Map.of(
              "schema.registry.url", registry.url(), "state.dir", dir.resolve("state").toString());
      ExplainerRuntime.Settings settings =
          new ExplainerRuntime.Settings(
              "igstream-it",
              kafka.bootstrapServers(),
              clients,
              List.of(model),
              ExplainerStreamConfig.defaults(),
              "127.0.0.1",
              0);
      try (ExplainerRuntime runtime = ExplainerRuntime.start(settings)) {
        runtime.service().awaitReady(Duration.ofSeconds(60));
        produce(kafka.bootstrapServers(), registry.url());
        List<AttributionEvent> out = consume(kafka.bootstrapServers(), registry.url());
        assertEquals(EVENTS, out.size(), "read_committed sees every attribution once");
        Set<String> ids = new HashSet<>();
        for (AttributionEvent e : out) {
          assertTrue(ids.add(e.getId()), "duplicate " + e.getId());
          assertTrue(Double.isFinite(e.getCompletenessError()), e.getId());
          assertEquals(30, e.getAttributions().size());
        }
        for (int i = 0; i < EVENTS; i++) {
          assertTrue(ids.contains("e" + i), "missing e" + i);
        }
        double perCall = runtime.metrics().eventsPerExplainCall().mean();
        assertTrue(perCall > 1, "events are batched across records: " + perCall + " per call");
        assertEquals(0, runtime.metrics().deadLetteredTotal());
      }
    }
  }

  private static void produce(String bootstrap, String registry) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", registry), false);
    var transactions = new io.igstream.synth.FraudTransactions(4);
    try (KafkaProducer<String, PredictionEvent> producer =
        new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      for (int i = 0; i < EVENTS; i++) {
        List<Double> features = new ArrayList<>();
        for (double f : transactions.next().features()) {
          features.add(f);
        }
        PredictionEvent e =
            PredictionEvent.newBuilder()
                .setId("e" + i)
                .setModel("fraud-demo")
                .setEventTime(Instant.now())
                .setFeatures(features)
                .build();
        producer.send(new ProducerRecord<>("predictions", "k" + (i % 97), e));
      }
    }
  }

  private static List<AttributionEvent> consume(String bootstrap, String registry) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConfluentAvroDeserializer<AttributionEvent> deserializer =
        new ConfluentAvroDeserializer<>(AttributionEvent.class);
    deserializer.configure(Map.of("schema.registry.url", registry), false);
    List<AttributionEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, AttributionEvent> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of("attributions"));
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        int before = out.size();
        for (ConsumerRecord<String, AttributionEvent> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
        if (out.size() != before) {
          quietSince = System.nanoTime();
        }
        // Keep reading a little after the last expected one, so duplicates would show.
        if (out.size() >= EVENTS && System.nanoTime() - quietSince > 2_000_000_000L) {
          break;
        }
      }
    }
    return out;
  }
}
