package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Config keys, defaults and start-up validation. */
class SchemaRegistryClientConfigTest {

  @Test
  void shouldApplyTheDocumentedDefaults() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.parse(Map.of(SchemaRegistryClientConfig.URL, "http://sr:8081/"));

    assertEquals(1, config.endpoints().size());
    assertEquals(URI.create("http://sr:8081"), config.endpoints().get(0).baseUri());
    assertEquals(Optional.empty(), config.userInfo());
    assertEquals(Duration.ofSeconds(10), config.connectTimeout());
    assertEquals(Duration.ofSeconds(30), config.readTimeout());
    assertEquals(Duration.ofSeconds(60), config.latestCacheTtl());
    assertFalse(config.tls().configured());
    assertEquals(new AvroSerdeConfig(true, false), AvroSerdeConfig.parse(Map.of()));
  }

  @Test
  void shouldSplitSeveralUrlsAndTakeCredentialsOutOfThem() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.parse(
            Map.of(
                SchemaRegistryClientConfig.URL,
                "https://key:se%40cret@a.example:443/registry , http://b.example:8081"));

    assertEquals(URI.create("https://a.example:443/registry"), config.endpoints().get(0).baseUri());
    assertEquals(Optional.of("key:se@cret"), config.endpoints().get(0).userInfo());
    assertEquals(URI.create("http://b.example:8081"), config.endpoints().get(1).baseUri());
    assertFalse(config.toString().contains("se@cret"), config.toString());
  }

  @Test
  void shouldPreferUserInfoOverUrlCredentialsWhenAskedTo() {
    SchemaRegistryClientConfig config =
        SchemaRegistryClientConfig.parse(
            Map.of(
                SchemaRegistryClientConfig.URL, "http://u:p@sr:8081",
                SchemaRegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO",
                SchemaRegistryClientConfig.USER_INFO, "key:secret",
                SchemaRegistryClientConfig.CONNECT_TIMEOUT_MS, "1500",
                SchemaRegistryClientConfig.LATEST_CACHE_TTL_SEC, "-1"));

    assertEquals(Optional.of("key:secret"), config.credentialsFor(config.endpoints().get(0)));
    assertEquals(Duration.ofMillis(1500), config.connectTimeout());
    assertTrue(config.latestCacheTtl().toDays() > 365 * 100, "-1 means forever");
    assertFalse(config.toString().contains("secret"), config.toString());
  }

  @Test
  void shouldRefuseBadSettingsNamingTheKey() {
    SerdeConfigException missing =
        assertThrows(SerdeConfigException.class, () -> SchemaRegistryClientConfig.parse(Map.of()));
    SerdeConfigException scheme =
        assertThrows(
            SerdeConfigException.class,
            () ->
                SchemaRegistryClientConfig.parse(
                    Map.of(SchemaRegistryClientConfig.URL, "sr:8081")));
    SerdeConfigException source =
        assertThrows(
            SerdeConfigException.class,
            () ->
                SchemaRegistryClientConfig.parse(
                    Map.of(
                        SchemaRegistryClientConfig.URL, "http://sr",
                        SchemaRegistryClientConfig.CREDENTIALS_SOURCE, "SASL_INHERIT")));
    SerdeConfigException flag =
        assertThrows(
            SerdeConfigException.class,
            () -> AvroSerdeConfig.parse(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes")));

    assertTrue(missing.getMessage().contains("schema.registry.url"));
    assertTrue(scheme.getMessage().contains("schema.registry.url"));
    assertTrue(source.getMessage().contains("basic.auth.credentials.source"));
    assertTrue(flag.getMessage().contains("auto.register.schemas"));
  }
}
