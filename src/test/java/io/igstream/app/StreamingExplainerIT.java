package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.serde.ConfluentAvroSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    try (ExplainerStack stack = new ExplainerStack(dir)) {
      produce(stack.kafka.bootstrapServers(), stack.registry.url());
      List<AttributionEvent> out = stack.readAttributions(EVENTS, Duration.ofSeconds(180));
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
      double perCall = stack.runtime.metrics().eventsPerExplainCall().mean();
      assertTrue(perCall > 1, "events are batched across records: " + perCall + " per call");
      assertEquals(0, stack.runtime.metrics().deadLetteredTotal());
      var model = stack.runtime.models().get(0);
      double eventsPerRun = (double) model.eventsExplained() / model.modelRuns();
      assertTrue(eventsPerRun > 1, "events per Session.run: " + eventsPerRun);
      String metrics = stack.metricsText();
      assertTrue(metrics.contains("igstream_events_out_total " + EVENTS + "\n"), metrics);
      assertTrue(metrics.contains("igstream_model_events_total{model=\"fraud-demo\""), metrics);
      assertTrue(metrics.contains("# TYPE igstream_reason_coded_total counter"), metrics);
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
}
