package io.igstream.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The embedded registry answers Confluent's documented quickstart exactly: every request and
 * response below is copied from <a
 * href="https://github.com/confluentinc/schema-registry/blob/master/README.md">confluentinc/schema-registry
 * README.md</a>, "Quickstart API Usage examples" (the DELETE calls are left out: igstream's
 * registry does not delete). The content type is the one the <a
 * href="https://github.com/confluentinc/schema-registry/blob/master/docs/develop/api.rst">API
 * reference</a> prescribes.
 */
class DocumentedQuickstartTest {
  private static final String STRING_SCHEMA = "{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}";

  @Test
  void shouldAnswerTheQuickstartAsDocumented() {
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start()) {
      RegistryHttp curl = new RegistryHttp(registry.url());

      expect("{\"id\":1}", curl.post("/subjects/Kafka-key/versions", STRING_SCHEMA));
      expect("{\"id\":1}", curl.post("/subjects/Kafka-value/versions", STRING_SCHEMA));
      RegistryHttp.Answer subjects = curl.get("/subjects");
      Set<String> names = new HashSet<>();
      subjects.body().forEach(name -> names.add(name.asText()));
      assertEquals(
          Set.of("Kafka-value", "Kafka-key"), names, "documented: [\"Kafka-value\",\"Kafka-key\"]");
      expect("[1]", curl.get("/subjects/Kafka-value/versions"));
      expect("{\"schema\":\"\\\"string\\\"\"}", curl.get("/schemas/ids/1"));
      expect(
          "{\"subject\":\"Kafka-value\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}",
          curl.get("/subjects/Kafka-value/versions/1"));
      expect(
          "{\"subject\":\"Kafka-value\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}",
          curl.get("/subjects/Kafka-value/versions/latest"));
      expect(
          "{\"subject\":\"Kafka-key\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\"}",
          curl.post("/subjects/Kafka-key", STRING_SCHEMA));
      expect(
          "{\"is_compatible\":true}",
          curl.post("/compatibility/subjects/Kafka-value/versions/latest", STRING_SCHEMA));
      expect("{\"compatibilityLevel\":\"BACKWARD\"}", curl.get("/config"));
      expect("{\"compatibility\":\"NONE\"}", curl.put("/config", "{\"compatibility\": \"NONE\"}"));
      expect(
          "{\"compatibility\":\"BACKWARD\"}",
          curl.put("/config/Kafka-value", "{\"compatibility\": \"BACKWARD\"}"));
    }
  }

  @Test
  void shouldAnswerTheDocumentedErrorForAnEmptySchema() {
    // docs/develop/api.rst, "Errors": HTTP 422 {"error_code": 422, "message": "schema may not be
    // empty"}
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start()) {
      RegistryHttp.Answer answer =
          new RegistryHttp(registry.url()).post("/subjects/test/versions", "{\"schema\": \"\"}");

      assertEquals(422, answer.status());
      assertEquals(
          RegistryHttp.json("{\"error_code\": 422, \"message\": \"schema may not be empty\"}"),
          answer.body());
    }
  }

  private static void expect(String documented, RegistryHttp.Answer answer) {
    assertEquals(200, answer.status(), answer.body().toString());
    assertEquals("application/vnd.schemaregistry.v1+json", answer.contentType());
    assertEquals(RegistryHttp.json(documented), answer.body());
  }
}
