package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.app.registry.EmbeddedSchemaRegistry;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against the embedded registry: answers, error codes and fail-over. */
class HttpSchemaRegistryClientTest {
  private EmbeddedSchemaRegistry registry;
  private HttpSchemaRegistryClient client;

  @BeforeEach
  void startRegistry() {
    registry = EmbeddedSchemaRegistry.builder().build().start();
    client = client(registry.url());
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldGiveOneSchemaTheSameIdUnderEverySubjectAndOnEveryRegistration() {
    int first = client.register("a-value", PredictionEvent.getClassSchema());
    int again = client.register("a-value", PredictionEvent.getClassSchema());
    int elsewhere = client.register("b-value", PredictionEvent.getClassSchema());
    int other = client.register("c-value", AttributionEvent.getClassSchema());

    assertEquals(first, again);
    assertEquals(first, elsewhere);
    assertTrue(other != first);
    assertEquals(1, client.latest("a-value").version());
    assertEquals(PredictionEvent.getClassSchema(), client.schemaById(first));
  }

  @Test
  void shouldLookUpWithoutRegistering() {
    int id = client.register("a-value", PredictionEvent.getClassSchema());

    RegisteredSchema found = client.lookup("a-value", PredictionEvent.getClassSchema());

    assertEquals(new RegisteredSchema("a-value", 1, id, PredictionEvent.getClassSchema()), found);
    SchemaRegistryException unknown =
        assertThrows(
            SchemaRegistryException.class,
            () -> client.lookup("a-value", AttributionEvent.getClassSchema()));
    assertEquals(404, unknown.httpStatus());
    assertEquals(40403, unknown.errorCode());
  }

  @Test
  void shouldReportAnUnknownSubjectAs40401() {
    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.latest("nobody-value"));

    assertEquals(404, e.httpStatus());
    assertEquals(40401, e.errorCode());
    assertTrue(e.isNotFound());
    assertTrue(
        e.getMessage()
            .startsWith("GET /subjects/nobody-value/versions/latest: HTTP 404, error_code 40401"),
        e.getMessage());
  }

  @Test
  void shouldReportAnUnknownVersionAs40402() {
    client.register("a-value", PredictionEvent.getClassSchema());

    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.version("a-value", 2));

    assertEquals(404, e.httpStatus());
    assertEquals(40402, e.errorCode());
    assertEquals(1, client.version("a-value", 1).version());
  }

  @Test
  void shouldReportAnUnknownSchemaIdAs40403() {
    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.schemaById(4711));

    assertEquals(404, e.httpStatus());
    assertEquals(40403, e.errorCode());
  }

  @Test
  void shouldReportAnIncompatibleSchemaAs409() {
    client.register("a-value", parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}"));
    Schema requiredField =
        parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");

    SchemaRegistryException e =
        assertThrows(
            SchemaRegistryException.class, () -> client.register("a-value", requiredField));

    assertEquals(409, e.httpStatus());
    assertEquals(409, e.errorCode());
  }

  @Test
  void shouldReportInvalidAvroAs42201() {
    SchemaRegistryException e =
        assertThrows(
            SchemaRegistryException.class,
            () -> client.register("a-value", "{\"type\":\"record\",\"name\":\"R\"}"));

    assertEquals(422, e.httpStatus());
    assertEquals(42201, e.errorCode());
  }

  @Test
  void shouldCheckCompatibilityWithoutRegistering() {
    Schema empty = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
    Schema optional =
        parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":"
                + "[{\"name\":\"x\",\"type\":[\"null\",\"int\"],\"default\":null}]}");
    Schema required =
        parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
    client.register("a-value", empty);

    assertTrue(client.isCompatible("a-value", optional));
    assertFalse(client.isCompatible("a-value", required));
    assertEquals(1, client.latest("a-value").version());
  }

  @Test
  void shouldReadAndSetCompatibilityGloballyAndPerSubject() {
    assertEquals(CompatibilityLevel.BACKWARD, client.compatibility());
    assertEquals(CompatibilityLevel.BACKWARD, client.compatibility("a-value"));

    client.setCompatibility("a-value", CompatibilityLevel.FULL_TRANSITIVE);
    client.setCompatibility(CompatibilityLevel.FORWARD);

    assertEquals(CompatibilityLevel.FULL_TRANSITIVE, client.compatibility("a-value"));
    assertEquals(CompatibilityLevel.FORWARD, client.compatibility("b-value"));
    assertEquals(CompatibilityLevel.FORWARD, client.compatibility());
  }

  @Test
  void shouldEncodeSubjectsThatAreNotPlainWords() {
    String subject = "ns/odd topic+ü-value";

    int id = client.register(subject, PredictionEvent.getClassSchema());

    assertEquals(subject, client.latest(subject).subject());
    assertEquals(id, client.lookup(subject, PredictionEvent.getClassSchema()).id());
  }

  @Test
  void shouldFailOverToTheNextUrlWhenOneRefusesConnections() throws IOException {
    HttpSchemaRegistryClient failingOver =
        client("http://127.0.0.1:" + freePort() + "," + registry.url());

    int id = failingOver.register("a-value", PredictionEvent.getClassSchema());

    assertEquals(PredictionEvent.getClassSchema(), failingOver.schemaById(id));
  }

  @Test
  void shouldNameEveryUrlWhenNoRegistryAnswers() throws IOException {
    String dead = "http://127.0.0.1:" + freePort();
    HttpSchemaRegistryClient nowhere = client(dead);

    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> nowhere.schemaById(1));

    assertEquals(SchemaRegistryException.NO_RESPONSE, e.httpStatus());
    assertTrue(e.getMessage().contains("no schema registry answered"), e.getMessage());
    assertTrue(e.getMessage().contains(dead), e.getMessage());
  }

  @Test
  void shouldGiveUpOnARegistryThatDoesNotAnswerInTime() throws IOException {
    com.sun.net.httpserver.HttpServer silent =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    silent.createContext(
        "/",
        exchange -> {
          try {
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    silent.setExecutor(java.util.concurrent.Executors.newSingleThreadExecutor());
    silent.start();
    try {
      HttpSchemaRegistryClient impatient =
          new HttpSchemaRegistryClient(
              SchemaRegistryClientConfig.parse(
                  Map.of(
                      SchemaRegistryClientConfig.URL,
                      "http://127.0.0.1:" + silent.getAddress().getPort(),
                      SchemaRegistryClientConfig.READ_TIMEOUT_MS,
                      "300")));
      long start = System.nanoTime();

      SchemaRegistryException e =
          assertThrows(SchemaRegistryException.class, () -> impatient.schemaById(1));

      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          e.getCause() instanceof java.net.http.HttpTimeoutException, String.valueOf(e.getCause()));
      assertTrue(millis < 5_000, "gave up after " + millis + " ms");
    } finally {
      release.countDown();
      silent.stop(0);
      ((java.util.concurrent.ExecutorService) silent.getExecutor()).shutdownNow();
    }
  }

  private static HttpSchemaRegistryClient client(String urls) {
    return new HttpSchemaRegistryClient(
        SchemaRegistryClientConfig.parse(Map.of(SchemaRegistryClientConfig.URL, urls)));
  }

  private static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  /** A port nothing listens on (bound, then released). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
