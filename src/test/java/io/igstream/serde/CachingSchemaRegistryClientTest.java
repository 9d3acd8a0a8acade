package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the cache saves, counted as requests the registry receives. */
class CachingSchemaRegistryClientTest {
  private final AtomicLong nanos = new AtomicLong();
  private EmbeddedSchemaRegistry registry;
  private CachingSchemaRegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.builder().build().start();
    client =
        new CachingSchemaRegistryClient(
            new HttpSchemaRegistryClient(
                SchemaRegistryClientConfig.parse(TestEvents.config(registry.url()))),
            Duration.ofSeconds(60),
            nanos::get);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldAskForIdsAndSchemasOnlyOnce() {
    int id = client.register("p-value", PredictionEvent.getClassSchema());
    client.register("p-value", PredictionEvent.getClassSchema());
    client.schemaById(id);
    client.lookup("p-value", PredictionEvent.getClassSchema());
    client.lookup("p-value", PredictionEvent.getClassSchema());

    assertEquals(2, registry.requestCount(), "one register, one look-up; the id came with them");
  }

  @Test
  void shouldKeepTheLatestVersionForItsTimeToLiveOnly() {
    client.setCompatibility("p-value", CompatibilityLevel.NONE);
    client.register("p-value", PredictionEvent.getClassSchema());
    assertEquals(1, client.latest("p-value").version());
    client.register("p-value", AttributionEvent.getClassSchema());
    long before = registry.requestCount();

    assertEquals(1, client.latest("p-value").version(), "still cached");
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    assertEquals(2, client.latest("p-value").version(), "expired");

    assertEquals(before + 1, registry.requestCount());
  }

  @Test
  void shouldNotCacheFailures() {
    assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));
    // Registered behind the cache's back, so only a second HTTP call can find it.
    int id =
        new HttpSchemaRegistryClient(
                SchemaRegistryClientConfig.parse(TestEvents.config(registry.url())))
            .register("p-value", PredictionEvent.getClassSchema());

    assertEquals(1, id);
    assertEquals(PredictionEvent.getClassSchema(), client.schemaById(id));
  }
}
