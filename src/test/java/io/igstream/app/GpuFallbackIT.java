package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.config.ExplainerAppConfig.DeviceRequest;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.Device;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.synth.FraudTransactions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code igstream.device=gpu} on this CPU build, GPU not required: the whole explainer starts on
 * CPU and explains every event.
 */
class GpuFallbackIT {
  private static final int EVENTS = 50;

  @TempDir Path dir;

  @Test
  void shouldExplainOnCpuWhenAGpuIsPreferredButMissing() throws Exception {
    DeviceRequest preferGpu = new DeviceRequest(Device.GPU, false, 1024);
    try (ExplainerStack stack = new ExplainerStack(dir, preferGpu)) {
      assertTrue(stack.runtime.service().ready(), "started despite the missing GPU");
      produce(stack.kafka.bootstrapServers(), stack.registry.url());
      List<AttributionEvent> out = stack.readAttributions(EVENTS, Duration.ofSeconds(60));
      assertEquals(EVENTS, out.size(), "every event explained once, on CPU");
    }
  }

  private static void produce(String bootstrap, String registry) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", registry), false);
    FraudTransactions transactions = new FraudTransactions(7);
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
                    .setId("g" + i)
                    .setModel("fraud-demo")
                    .setEventTime(Instant.now())
                    .setFeatures(features)
                    .build()));
      }
    }
  }
}
