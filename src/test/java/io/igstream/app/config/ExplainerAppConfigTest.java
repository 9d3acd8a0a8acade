package io.igstream.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.models.ModelSources;
import io.igstream.stream.BoundedRocksDbMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerAppConfigTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("igstream.properties");
    Files.writeString(f, text);
    return f;
  }

  private ExplainerAppConfig load(Path file, Map<String, String> env) throws IOException {
    return new ExplainerAppConfig(
        ConfigSources.load(file, env, ExplainerAppConfig.DEFINITION.names()));
  }

  @Test
  void shouldLetTheEnvironmentOverrideTheFile() throws IOException {
    Path f =
        file(
            """
            igstream.models=/models/a,/models/b
            bootstrap.servers=file:9092
            schema.registry.url=http://registry:8081
            igstream.explain.batch.size=32
            security.protocol=PLAINTEXT
            """);
    ExplainerAppConfig c =
        load(
            f,
            Map.of(
                "IGSTREAM_EXPLAIN_BATCH_SIZE", "128",
                "IGSTREAM_SECURITY_PROTOCOL", "SASL_SSL",
                "IGSTREAM_KAFKA_SASL_MECHANISM", "PLAIN",
                "IGSTREAM_BOOTSTRAP_SERVERS", "env:9093"));
    assertEquals(128, c.stream().batchSize());
    assertEquals(List.of("/models/a", "/models/b"), c.models());
    assertEquals("env:9093", c.getString(ExplainerAppConfig.BOOTSTRAP_SERVERS_CONFIG));
    Map<String, Object> kafka = c.passThrough();
    assertEquals("SASL_SSL", kafka.get("security.protocol"));
    assertEquals("PLAIN", kafka.get("sasl.mechanism"));
    assertEquals("http://registry:8081", kafka.get("schema.registry.url"));
    assertFalse(kafka.containsKey("igstream.explain.batch.size"), "igstream keys stay igstream's");
    assertEquals("predictions", c.stream().inputTopic());
    assertEquals(
        64L << 20,
        c.streamsClientSettings().get(BoundedRocksDbMemory.BUDGET_BYTES_CONFIG),
        "the RocksDB budget reaches Kafka Streams by default");
  }

  @Test
  void shouldPassTheRocksDbBudgetInBytesAndRefuseLessThan8MiB() throws IOException {
    String base =
        """
        igstream.models=/models/a
        bootstrap.servers=b:9092
        schema.registry.url=http://registry:8081
        """;
    ExplainerAppConfig c = load(file(base + "igstream.rocksdb.memory.mb=256\n"), Map.of());
    assertEquals(
        256L << 20, c.streamsClientSettings().get(BoundedRocksDbMemory.BUDGET_BYTES_CONFIG));
    assertEquals(
        "SASL_SSL",
        load(file(base), Map.of("IGSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"))
            .streamsClientSettings()
            .get("security.protocol"),
        "pass-through keys stay");
    Path tiny = file(base + "igstream.rocksdb.memory.mb=4\n");
    ConfigException e = assertThrows(ConfigException.class, () -> load(tiny, Map.of()));
    assertTrue(e.getMessage().contains("igstream.rocksdb.memory.mb"), e.getMessage());
  }

  @Test
  void shouldNameTheKeyAndTheProblemWhenInvalid() throws IOException {
    Path f =
        file(
            "igstream.models=/m\nbootstrap.servers=x:1\nschema.registry.url=http://r\n"
                + "igstream.explain.select=most\n");
    ConfigException e = assertThrows(ConfigException.class, () -> load(f, Map.of()));
    assertTrue(e.getMessage().contains("igstream.explain.select"), e.getMessage());
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    Files.writeString(dir.resolve("short.properties"), "igstream.models=/m\n"),
                    Map.of()));
    assertTrue(missing.getMessage().contains("bootstrap.servers"), missing.getMessage());
    ConfigException range =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    f,
                    Map.of("IGSTREAM_EXPLAIN_SELECT", "all", "IGSTREAM_EXPLAIN_BATCH_SIZE", "0")));
    assertTrue(range.getMessage().contains("igstream.explain.batch.size"), range.getMessage());
  }

  @Test
  void shouldServeAModelsRootWatchedAtTheConfiguredInterval() throws IOException {
    Path f =
        file("igstream.models.root=/models\nbootstrap.servers=x:1\nschema.registry.url=http://r\n");
    ModelSources watched = load(f, Map.of()).modelSources();
    assertEquals(Optional.of(Path.of("/models")), watched.root());
    assertEquals(List.of(), watched.dirs());
    assertEquals(Duration.ofSeconds(10), watched.pollInterval(), "watched by default");
    ModelSources off =
        load(f, Map.of("IGSTREAM_MODELS_POLL_INTERVAL_MS", "0", "IGSTREAM_MODELS", "/m/a"))
            .modelSources();
    assertFalse(off.watched());
    assertEquals(List.of(Path.of("/m/a")), off.dirs());
    ConfigException none =
        assertThrows(
            ConfigException.class,
            () -> load(file("bootstrap.servers=x:1\nschema.registry.url=http://r\n"), Map.of()));
    assertTrue(none.getMessage().contains("igstream.models.root"), none.getMessage());
    ConfigException negative =
        assertThrows(
            ConfigException.class, () -> load(f, Map.of("IGSTREAM_MODELS_POLL_INTERVAL_MS", "-1")));
    assertTrue(
        negative.getMessage().contains("igstream.models.poll.interval.ms"), negative.getMessage());
  }

  @Test
  void shouldRefuseAMissingFileWithTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> load(dir.resolve("absent.properties"), Map.of()));
    assertTrue(e.getMessage().contains("--config"), e.getMessage());
  }

  @Test
  void shouldDocumentEveryKeyWithItsEnvironmentVariable() {
    String doc = ExplainerAppConfig.markdownReference();
    for (String key : ExplainerAppConfig.DEFINITION.names()) {
      assertTrue(doc.contains("`" + key + "`"), key);
      assertTrue(doc.contains("`" + ConfigSources.envName(key) + "`"), key);
    }
    assertEquals(
        "IGSTREAM_EXPLAIN_FLUSH_INTERVAL_MS",
        ConfigSources.envName("igstream.explain.flush.interval.ms"));
    assertEquals("IGSTREAM_SASL_JAAS_CONFIG", ConfigSources.envName("sasl.jaas.config"));
  }
}
