package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.PredictionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS: a self-signed certificate made with the JDK's {@code keytool} for each run, served by the
 * embedded registry; the client must load the configured trust store to connect.
 */
class TlsTest {
  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static Path keystore;
  private static Path truststore;
  private EmbeddedSchemaRegistry registry;

  /** keytool is a JVM of its own: make the stores once per class. */
  @BeforeAll
  static void makeSelfSignedCertificate() throws Exception {
    keystore = dir.resolve("registry.p12");
    Path certificate = dir.resolve("registry.pem");
    truststore = dir.resolve("trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "registry",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "registry",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "registry",
        "-file",
        certificate.toString(),
        "-keystore",
        truststore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
  }

  @BeforeEach
  void startHttpsRegistry() {
    // The server side reuses the client's TLS settings type to load its key store.
    TlsSettings serverTls =
        TlsSettings.parse(
            Map.of(
                TlsSettings.KEYSTORE_LOCATION,
                keystore.toString(),
                TlsSettings.KEYSTORE_PASSWORD,
                PASSWORD));
    registry = EmbeddedSchemaRegistry.builder().https(serverTls.sslContext()).build().start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldTalkHttpsWithTheConfiguredTrustStore() {
    Map<String, Object> config = new HashMap<>(TestEvents.config(registry.url()));
    config.put(TlsSettings.TRUSTSTORE_LOCATION, truststore.toString());
    config.put(TlsSettings.TRUSTSTORE_PASSWORD, PASSWORD);
    config.put(TlsSettings.TRUSTSTORE_TYPE, "PKCS12");

    try (ConfluentAvroSerde<PredictionEvent> serde =
        new ConfluentAvroSerde<>(PredictionEvent.class)) {
      serde.configure(config, false);
      PredictionEvent event = TestEvents.prediction("tls");

      assertTrue(registry.url().startsWith("https://"));
      assertEquals(
          event, serde.deserializer().deserialize("t", serde.serializer().serialize("t", event)));
    }
  }

  @Test
  void shouldNotTrustTheSelfSignedRegistryWithoutTheTrustStore() {
    SchemaRegistryClient client =
        SchemaRegistryClient.fromConfig(TestEvents.config(registry.url()));

    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.compatibility());

    assertEquals(SchemaRegistryException.NO_RESPONSE, e.httpStatus());
    assertTrue(e.getCause() instanceof javax.net.ssl.SSLException, String.valueOf(e.getCause()));
  }

  @Test
  void shouldPresentTheConfiguredKeyStoreToARegistryThatRequiresIt() {
    // The registry trusts the one self-signed certificate, which the client also presents.
    TlsSettings serverTls =
        TlsSettings.parse(
            Map.of(
                TlsSettings.KEYSTORE_LOCATION,
                keystore.toString(),
                TlsSettings.KEYSTORE_PASSWORD,
                PASSWORD,
                TlsSettings.TRUSTSTORE_LOCATION,
                truststore.toString(),
                TlsSettings.TRUSTSTORE_PASSWORD,
                PASSWORD));
    try (EmbeddedSchemaRegistry mutual =
        EmbeddedSchemaRegistry.builder()
            .httpsWithClientCertificates(serverTls.sslContext())
            .build()
            .start()) {
      Map<String, Object> trustOnly = new HashMap<>(TestEvents.config(mutual.url()));
      trustOnly.put(TlsSettings.TRUSTSTORE_LOCATION, truststore.toString());
      trustOnly.put(TlsSettings.TRUSTSTORE_PASSWORD, PASSWORD);
      Map<String, Object> withKey = new HashMap<>(trustOnly);
      withKey.put(TlsSettings.KEYSTORE_LOCATION, keystore.toString());
      withKey.put(TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
      withKey.put(TlsSettings.KEY_PASSWORD, PASSWORD);

      SchemaRegistryException refused =
          assertThrows(
              SchemaRegistryException.class,
              () -> SchemaRegistryClient.fromConfig(trustOnly).compatibility());

      assertEquals(SchemaRegistryException.NO_RESPONSE, refused.httpStatus());
      assertEquals(
          CompatibilityLevel.BACKWARD, SchemaRegistryClient.fromConfig(withKey).compatibility());
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>();
    command.add(Files.isExecutable(keytool) ? keytool.toString() : "keytool");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
    assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
  }
}
