package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client parses the JSON Confluent documents, served verbatim by a plain HTTP server that, like
 * Apicurio's {@code ccompat} API, answers {@code application/json}. Bodies are copied from:
 *
 * <ul>
 *   <li>[README] <a
 *       href="https://github.com/confluentinc/schema-registry/blob/master/README.md">confluentinc/schema-registry
 *       README.md</a>, "Quickstart API Usage examples";
 *   <li>[API] <a
 *       href="https://github.com/confluentinc/schema-registry/blob/master/docs/develop/api.rst">confluentinc/schema-registry
 *       docs/develop/api.rst</a>, published as <a
 *       href="https://docs.confluent.io/platform/6.1/schema-registry/develop/api.html">docs.confluent.io
 *       … develop/api.html</a>;
 *   <li>[API 4.0] the older <a
 *       href="https://github.com/confluentinc/schema-registry/blob/master/docs/api.rst">docs/api.rst</a>,
 *       which shows {@code "is_compatible": "true"} as a string.
 * </ul>
 */
class ConfluentDocumentedJsonTest {
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();
  private HttpServer server;
  private SchemaRegistryClient client;

  @BeforeEach
  void serveDocumentedBodies() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // [README] POST /subjects/Kafka-value/versions
    serve("POST", "/subjects/Kafka-value/versions", 200, "{\"id\":1}");
    // [README] GET /schemas/ids/1
    serve("GET", "/schemas/ids/1", 200, "{\"schema\":\"\\\"string\\\"\"}");
    // [API] GET /schemas/ids/1 example response
    serve("GET", "/schemas/ids/2", 200, "{\n  \"schema\": \"{\\\"type\\\": \\\"string\\\"}\"\n}");
    // [README] GET /subjects/Kafka-value/versions/latest and /versions/1
    serve(
        "GET",
        "/subjects/Kafka-value/versions/latest",
        200,
        "{\"subject\":\"Kafka-value\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}");
    serve(
        "GET",
        "/subjects/Kafka-value/versions/1",
        200,
        "{\"subject\":\"Kafka-value\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}");
    // [README] POST /subjects/Kafka-key
    serve(
        "POST",
        "/subjects/Kafka-key",
        200,
        "{\"subject\":\"Kafka-key\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}");
    // [README] POST /compatibility/subjects/Kafka-value/versions/latest
    serve(
        "POST",
        "/compatibility/subjects/Kafka-value/versions/latest",
        200,
        "{\"is_compatible\":true}");
    // [API 4.0] the same answer with the boolean quoted
    serve(
        "POST",
        "/compatibility/subjects/old-docs/versions/latest",
        200,
        "{\n\t    \"is_compatible\": \"true\"\n\t  }");
    // [README] GET /config, PUT /config, PUT /config/Kafka-value
    serve("GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    serve("PUT", "/config", 200, "{\"compatibility\":\"NONE\"}");
    serve("PUT", "/config/Kafka-value", 200, "{\"compatibility\":\"BACKWARD\"}");
    // [API] GET /config/(subject) example response
    serve("GET", "/config/test", 200, "{\n\t     \"compatibilityLevel\": \"FULL\"\n\t  }");
    // [API] "Errors": the standard error body
    serve(
        "POST",
        "/subjects/empty/versions",
        422,
        "{\n    \"error_code\": 422,\n    \"message\": \"schema may not be empty\"\n}");
    server.createContext("/", this::answer);
    server.start();
    client =
        SchemaRegistryClient.fromConfig(
            Map.of(
                SchemaRegistryClientConfig.URL,
                "http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldParseTheDocumentedRegisterAnswer() {
    assertEquals(1, client.register("Kafka-value", Schema.create(Schema.Type.STRING)));
    assertTrue(requests.contains("POST /subjects/Kafka-value/versions"), requests.toString());
  }

  @Test
  void shouldParseBothDocumentedSchemaByIdAnswers() {
    assertEquals(Schema.create(Schema.Type.STRING), client.schemaById(1));
    assertEquals(Schema.create(Schema.Type.STRING), client.schemaById(2));
  }

  @Test
  void shouldParseTheDocumentedVersionAndLookUpAnswers() {
    Schema string = Schema.create(Schema.Type.STRING);

    assertEquals(new RegisteredSchema("Kafka-value", 1, 1, string), client.latest("Kafka-value"));
    assertEquals(
        new RegisteredSchema("Kafka-value", 1, 1, string), client.version("Kafka-value", 1));
    assertEquals(
        new RegisteredSchema("Kafka-key", 1, 1, string), client.lookup("Kafka-key", string));
  }

  @Test
  void shouldParseTheDocumentedCompatibilityAnswersIncludingTheQuotedBoolean() {
    Schema string = Schema.create(Schema.Type.STRING);

    assertTrue(client.isCompatible("Kafka-value", string));
    assertTrue(client.isCompatible("old-docs", string));
  }

  @Test
  void shouldParseBothShapesOfTheDocumentedConfigAnswers() {
    assertEquals(CompatibilityLevel.BACKWARD, client.compatibility());
    client.setCompatibility(CompatibilityLevel.NONE);
    client.setCompatibility("Kafka-value", CompatibilityLevel.BACKWARD);

    assertTrue(requests.contains("PUT /config"), requests.toString());
    assertTrue(requests.contains("PUT /config/Kafka-value"), requests.toString());
  }

  @Test
  void shouldKeyTheDocumentedErrorBodyOnItsHttpStatus() {
    SchemaRegistryException e =
        assertThrows(
            SchemaRegistryException.class,
            () -> client.register("empty", Schema.create(Schema.Type.STRING)));

    assertEquals(422, e.httpStatus());
    assertEquals(422, e.errorCode());
    assertTrue(e.getMessage().endsWith("schema may not be empty"), e.getMessage());
  }

  @Test
  void shouldKeyOnTheStatusWhenTheBodyIsNoConfluentError() throws IOException {
    serve("GET", "/schemas/ids/3", 503, "<html>Service Unavailable</html>", "text/html");

    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.schemaById(3));

    assertEquals(503, e.httpStatus());
    assertEquals(SchemaRegistryException.NO_RESPONSE, e.errorCode());
    assertFalse(e.isNotFound());
    assertTrue(e.getMessage().contains("Service Unavailable"), e.getMessage());
  }

  @Test
  void shouldRefuseASuccessThatIsNotJson() {
    serve("GET", "/schemas/ids/4", 200, "<html>login page</html>", "text/html");

    SchemaRegistryException e =
        assertThrows(SchemaRegistryException.class, () -> client.schemaById(4));

    assertTrue(e.getMessage().contains("unexpected content type 'text/html'"), e.getMessage());
  }

  private void serve(String method, String path, int status, String body) {
    serve(method, path, status, body, "application/json");
  }

  private void serve(String method, String path, int status, String body, String contentType) {
    answers.put(method + " " + path, new Answer(status, body, contentType));
  }

  private record Answer(int status, String body, String contentType) {}

  private void answer(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    requests.add(request);
    Answer answer =
        answers.getOrDefault(
            request,
            new Answer(
                404,
                "{\"error_code\":404,\"message\":\"not in the fixture\"}",
                "application/json"));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
