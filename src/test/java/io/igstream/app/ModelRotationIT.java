package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.app.models.ModelSources;
import io.igstream.app.models.ModelTrees;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.model.training.FraudModelTrainer;
import io.igstream.model.training.TrainingConfig;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.spec.ModelSpecReader;
import io.igstream.synth.FraudTransactions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot model rotation under load on the real broker: version 1 serves a continuous stream, a
 * retrained version 2 (another seed) is dropped into the TF Serving layout midway, and the stream
 * keeps flowing. Every event is explained exactly once (read_committed), events without a version
 * switch from 1 to 2 once and never back (per key, i.e. in input order), events naming version 1
 * keep getting it, and each attribution's prediction is F(x) of the version it names, recomputed
 * offline with the model layer.
 */
class ModelRotationIT {
  private static final String NAME = "fraud-demo";
  private static final int BEFORE = 1200;
  private static final int AFTER = 1800;
  private static final int KEYS = 53;

  /** Events sent only after the rotation happened: they must all run on version 2. */
  private static final int TAIL = 200;

  @TempDir Path dir;

  @Test
  void shouldRotateUnderLoadWithoutLosingOrDuplicatingAnEvent() throws Exception {
    Path root = dir.resolve("models");
    Path retrained = dir.resolve("retrained");
    FraudModelTrainer.train(retrained, TrainingConfig.defaults(77).withSizes(4000, 1000, 3));
    ExplainerStack.ModelLayout layout =
        trained -> {
          ModelTrees.install(trained, root, NAME, "1");
          return new ModelSources(List.of(), Optional.of(root), Duration.ofMillis(200));
        };
    Map<String, double[]> features = new HashMap<>();
    Map<String, String> askedVersion = new HashMap<>();
    try (ExplainerStack stack =
            new ExplainerStack(dir, ExplainerAppConfig.DeviceRequest.CPU, 3, layout);
        KafkaProducer<String, PredictionEvent> producer = producer(stack)) {
      FraudTransactions transactions = new FraudTransactions(9);
      long t0 = System.nanoTime();
      for (int i = 0; i < BEFORE; i++) {
        send(producer, transactions, i, null, features, askedVersion);
      }
      // Midway: once version 1 has explained some of them (however slow this machine is), and
      // while the rest are still being explained, the new version lands.
      awaitExplained(stack, 100);
      long rotationsBefore = stack.runtime.modelRotation().rotations();
      long installed = System.nanoTime();
      ModelTrees.install(retrained, root, NAME, "2");
      CompletableFuture<Double> swapSeconds =
          CompletableFuture.supplyAsync(
              () -> {
                while (stack.runtime.modelRotation().rotations() == rotationsBefore) {
                  sleepQuietly();
                }
                return (System.nanoTime() - installed) / 1e9;
              });
      for (int i = BEFORE; i < BEFORE + AFTER; i++) {
        if (i == BEFORE + AFTER - TAIL) {
          awaitRotation(stack, rotationsBefore);
        }
        send(producer, transactions, i, i % 10 == 0 ? "1" : null, features, askedVersion);
        if (i % 100 == 0) {
          producer.flush();
          Thread.sleep(60); // a continuous stream, not one burst
        }
      }
      producer.flush();
      int total = BEFORE + AFTER;
      List<AttributionEvent> out = stack.readAttributions(total, Duration.ofSeconds(240));
      double seconds = (System.nanoTime() - t0) / 1e9;

      Map<String, AttributionEvent> byId = new TreeMap<>();
      for (AttributionEvent a : out) {
        assertTrue(byId.put(a.getId(), a) == null, "explained twice: " + a.getId());
      }
      assertEquals(total, out.size(), "every event once");
      assertEquals(features.keySet(), byId.keySet());
      assertEquals(1, stack.runtime.modelRotation().rotations() - rotationsBefore);
      assertEquals(0, stack.runtime.modelRotation().refusals());

      int[] split = assertVersionsSwitchOnceNeverBack(byId, askedVersion);
      double meanDifference = assertPredictionsAreThoseOfTheirVersion(root, byId, features);
      String metrics = stack.metricsText();
      assertTrue(
          metrics.contains(
              "igstream_model_info{default=\"true\",model=\"fraud-demo\",version=\"2\"} 1"),
          metrics);
      assertTrue(
          metrics.contains(
              "igstream_model_info{default=\"false\",model=\"fraud-demo\",version=\"1\"} 1"),
          metrics);
      System.out.printf(
          "ModelRotationIT: %d events in %.1f s, one rotation %.2f s after the copy (poll 200 ms);"
              + " without a version %d on v1 then %d on v2; mean |F_v2 - F_v1| = %.4f%n",
          total,
          seconds,
          swapSeconds.get(10, TimeUnit.SECONDS),
          split[0],
          split[1],
          meanDifference);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitExplained(ExplainerStack stack, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (stack.runtime.metrics().eventsOut() < count) {
      assertTrue(System.nanoTime() < deadline, "version 1 explained nothing within 60 s");
      Thread.sleep(10);
    }
  }

  private static void awaitRotation(ExplainerStack stack, long before) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (stack.runtime.modelRotation().rotations() == before) {
      assertTrue(System.nanoTime() < deadline, "version 2 was not swapped in within 60 s");
      Thread.sleep(20);
    }
  }

  private static KafkaProducer<String, PredictionEvent> producer(ExplainerStack stack) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(stack.registryConfig(), false);
    return new KafkaProducer<>(p, new StringSerializer(), serializer);
  }

  private static void send(
      KafkaProducer<String, PredictionEvent> producer,
      FraudTransactions transactions,
      int i,
      String version,
      Map<String, double[]> features,
      Map<String, String> askedVersion) {
    double[] x = transactions.next().features();
    List<Double> values = new ArrayList<>();
    for (double f : x) {
      values.add(f);
    }
    String id = "e" + i;
    features.put(id, x);
    if (version != null) {
      askedVersion.put(id, version);
    }
    PredictionEvent e =
        PredictionEvent.newBuilder()
            .setId(id)
            .setModel(NAME)
            .setModelVersion(version)
            .setEventTime(Instant.now())
            .setFeatures(values)
            .build();
    producer.send(new ProducerRecord<>("predictions", "k" + (i % KEYS), e));
  }

  /**
   * Per key (one partition, input order): 1...1 2...2 for events without a version.
   *
   * @return how many of them version 1 and version 2 explained
   */
  private static int[] assertVersionsSwitchOnceNeverBack(
      Map<String, AttributionEvent> byId, Map<String, String> askedVersion) {
    int onOld = 0;
    int onNew = 0;
    for (int key = 0; key < KEYS; key++) {
      boolean switched = false;
      for (int i = key; i < BEFORE + AFTER; i += KEYS) {
        String id = "e" + i;
        String version = byId.get(id).getModelVersion();
        if (askedVersion.containsKey(id)) {
          assertEquals(askedVersion.get(id), version, id + " asked for its version");
          continue;
        }
        if (version.equals("2")) {
          switched = true;
          onNew++;
        } else {
          assertEquals("1", version);
          assertTrue(!switched, id + " went back to version 1 after version 2 served key " + key);
          onOld++;
        }
      }
    }
    assertTrue(onOld > 0 && onNew > 0, "both versions served: " + onOld + " then " + onNew);
    for (int i = BEFORE + AFTER - TAIL; i < BEFORE + AFTER; i++) {
      if (!askedVersion.containsKey("e" + i)) {
        assertEquals("2", byId.get("e" + i).getModelVersion(), "sent after the rotation: v2");
      }
    }
    return new int[] {onOld, onNew};
  }

  /**
   * Recomputes F(x) of every event offline with the version its attribution names.
   *
   * @return mean |F_v2(x) - F_v1(x)| over all events (how far apart the two versions are)
   */
  private static double assertPredictionsAreThoseOfTheirVersion(
      Path root, Map<String, AttributionEvent> byId, Map<String, double[]> features) {
    Map<String, Map<String, Double>> predictions = new HashMap<>();
    for (String version : List.of("1", "2")) {
      Path versionDir = root.resolve(NAME).resolve(version);
      try (ModelExplainer m =
          ModelExplainer.open(
              versionDir,
              ModelSpecReader.forModel(versionDir, Optional.empty()),
              io.igstream.model.Device.CPU)) {
        List<InputEvent> events = new ArrayList<>();
        features.forEach((id, x) -> events.add(InputEvent.of(id, x)));
        Map<String, Double> f = new HashMap<>();
        for (ExplainedEvent e : m.explain(events)) {
          f.put(e.id(), e.prediction());
        }
        predictions.put(version, f);
      }
    }
    double sumDifference = 0;
    for (AttributionEvent a : byId.values()) {
      double expected = predictions.get(a.getModelVersion()).get(a.getId());
      assertEquals(
          expected,
          a.getPrediction(),
          1e-5,
          a.getId() + ": the prediction of version " + a.getModelVersion());
      sumDifference +=
          Math.abs(predictions.get("2").get(a.getId()) - predictions.get("1").get(a.getId()));
    }
    double mean = sumDifference / byId.size();
    assertTrue(mean > 1e-3, "the two versions must differ measurably: " + mean);
    return mean;
  }
}
