package io.igstream.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry over plain HTTP: error shapes, versions, and thread safety. */
class EmbeddedSchemaRegistryTest {
  static final String EMPTY_RECORD = record();
  private EmbeddedSchemaRegistry registry;
  private RegistryHttp curl;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.builder().build().start();
    curl = new RegistryHttp(registry.url());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldListSubjectsAndVersions() {
    register("s-value", record());
    register("s-value", record("{\"name\":\"a\",\"type\":[\"null\",\"int\"],\"default\":null}"));

    assertEquals(RegistryHttp.json("[1,2]"), curl.get("/subjects/s-value/versions").body());
    assertEquals(RegistryHttp.json("[\"s-value\"]"), curl.get("/subjects").body());
    assertEquals(2, curl.get("/subjects/s-value/versions/2").body().get("id").asInt());
    assertEquals(1, curl.get("/subjects/s-value/versions/1").body().get("id").asInt());
  }

  @Test
  void shouldAnswerConfluentErrorCodes() {
    register("s-value", record());

    expectError(404, 40401, curl.get("/subjects/nobody/versions"));
    expectError(404, 40402, curl.get("/subjects/s-value/versions/7"));
    expectError(422, 42202, curl.get("/subjects/s-value/versions/zero"));
    expectError(404, 40403, curl.get("/schemas/ids/99"));
    expectError(
        404,
        40403,
        curl.post("/subjects/s-value", schemaBody(record("{\"name\":\"a\",\"type\":\"int\"}"))));
    expectError(
        422,
        42201,
        curl.post("/subjects/s-value/versions", "{\"schema\": \"{\\\"type\\\": \\\"strin\\\"}\"}"));
    expectError(
        422,
        42201,
        curl.post(
            "/subjects/s-value/versions",
            "{\"schema\": \"\\\"string\\\"\", \"schemaType\": \"PROTOBUF\"}"));
    expectError(422, 42203, curl.put("/config", "{\"compatibility\": \"SIDEWAYS\"}"));
    expectError(404, 40408, curl.get("/config/s-value"));
    expectError(400, 400, curl.post("/subjects/s-value/versions", "not json"));
    expectError(404, 404, curl.get("/no/such/thing"));
  }

  @Test
  void shouldAnswer409WithTheReasonForAnIncompatibleSchema() {
    register("s-value", record());

    RegistryHttp.Answer answer =
        curl.post(
            "/subjects/s-value/versions",
            schemaBody(record("{\"name\":\"required\",\"type\":\"int\"}")));

    expectError(409, 409, answer);
    assertTrue(
        answer.body().get("message").asText().contains("required"), answer.body().toString());
  }

  @Test
  void shouldCheckEveryVersionOnlyWhenTransitive() {
    // v1 {a: int} -> v2 {} -> v3 {a: string = ""}: v3 reads v2's data (default) but not v1's.
    curl.put("/config/s-value", "{\"compatibility\": \"BACKWARD\"}");
    register("s-value", record("{\"name\":\"a\",\"type\":\"int\"}"));
    register("s-value", record());
    String v3 = record("{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"}");

    assertEquals(true, isCompatible("s-value", v3));
    curl.put("/config/s-value", "{\"compatibility\": \"BACKWARD_TRANSITIVE\"}");
    assertEquals(false, isCompatible("s-value", v3));
    expectError(409, 409, curl.post("/subjects/s-value/versions", schemaBody(v3)));
  }

  @Test
  void shouldCheckForwardAndFull() {
    register("s-value", record("{\"name\":\"a\",\"type\":\"int\"}"));
    String dropsA = record();
    String addsRequired =
        record("{\"name\":\"a\",\"type\":\"int\"}", "{\"name\":\"b\",\"type\":\"int\"}");

    assertEquals(true, isCompatible("s-value", dropsA), "BACKWARD: the new reader ignores a");
    curl.put("/config/s-value", "{\"compatibility\": \"FORWARD\"}");
    assertEquals(false, isCompatible("s-value", dropsA), "FORWARD: the old reader needs a");
    assertEquals(true, isCompatible("s-value", addsRequired), "FORWARD: the old reader ignores b");
    curl.put("/config/s-value", "{\"compatibility\": \"FULL\"}");
    assertEquals(false, isCompatible("s-value", addsRequired), "FULL: the new reader needs b");
    curl.put("/config/s-value", "{\"compatibility\": \"NONE\"}");
    assertEquals(true, isCompatible("s-value", addsRequired));
  }

  @Test
  void shouldLetASubjectLevelOverrideTheGlobalOne() {
    curl.put("/config", "{\"compatibility\": \"FULL\"}");
    curl.put("/config/s-value", "{\"compatibility\": \"NONE\"}");

    assertEquals("FULL", curl.get("/config").body().get("compatibilityLevel").asText());
    assertEquals("NONE", curl.get("/config/s-value").body().get("compatibilityLevel").asText());
    assertEquals(
        "FULL",
        curl.get("/config/t-value?defaultToGlobal=true").body().get("compatibilityLevel").asText());
  }

  @Test
  void shouldAskForBasicAuthWhenConfigured() {
    try (EmbeddedSchemaRegistry secured =
        EmbeddedSchemaRegistry.builder().basicAuth("u", "p").build().start()) {
      RegistryHttp.Answer answer = new RegistryHttp(secured.url()).get("/subjects");

      expectError(401, 401, answer);
      assertEquals(1, secured.requestCount());
    }
  }

  @Test
  void shouldListenOnAGivenPort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EmbeddedSchemaRegistry fixed =
        EmbeddedSchemaRegistry.builder().port(port).build().start()) {
      assertEquals(port, fixed.port());
      assertEquals("http://127.0.0.1:" + port, fixed.url());
      assertEquals(200, new RegistryHttp(fixed.url()).get("/subjects").status());
    }
  }

  @Test
  void shouldGiveConcurrentRegistrationsOfOneSchemaOneIdAndOneVersion() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String subject = "s" + (i % 4) + "-value";
        ids.add(pool.submit(() -> register(subject, EMPTY_RECORD)));
      }
      Set<Integer> distinct = new HashSet<>();
      for (Future<Integer> id : ids) {
        distinct.add(id.get());
      }
      assertEquals(Set.of(1), distinct);
      for (int s = 0; s < 4; s++) {
        assertEquals(
            RegistryHttp.json("[1]"), curl.get("/subjects/s" + s + "-value/versions").body());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private int register(String subject, String schema) {
    RegistryHttp.Answer answer =
        curl.post("/subjects/" + subject + "/versions", schemaBody(schema));
    assertEquals(200, answer.status(), answer.body().toString());
    return answer.body().get("id").asInt();
  }

  private boolean isCompatible(String subject, String schema) {
    RegistryHttp.Answer answer =
        curl.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(schema));
    assertEquals(200, answer.status(), answer.body().toString());
    return answer.body().get("is_compatible").asBoolean();
  }

  private static void expectError(int status, int errorCode, RegistryHttp.Answer answer) {
    assertEquals(status, answer.status(), answer.body().toString());
    assertEquals(errorCode, answer.body().get("error_code").asInt(), answer.body().toString());
    assertTrue(answer.body().get("message").isTextual());
    assertEquals("application/vnd.schemaregistry.v1+json", answer.contentType());
  }

  static String schemaBody(String schema) {
    return JsonNodeFactory.instance.objectNode().put("schema", schema).toString();
  }

  static String record(String... fields) {
    return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + String.join(",", fields) + "]}";
  }
}
