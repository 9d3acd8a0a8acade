package io.igstream.app.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.igstream.serde.CompatibilityLevel;
import io.igstream.serde.RegisteredSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The Confluent REST API v1 subset igstream uses, routed by hand: subjects, versions, schemas by
 * id, look-up, compatibility checks and config. Answers are {@code
 * application/vnd.schemaregistry.v1+json}; errors carry Confluent's {@code error_code}s.
 */
final class RegistryHandler {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final ObjectMapper json = new ObjectMapper();
  private final SchemaStore store;

  RegistryHandler(SchemaStore store) {
    this.store = store;
  }

  void handle(HttpExchange exchange) throws IOException {
    int status = 200;
    JsonNode answer;
    try {
      answer = route(exchange.getRequestMethod(), segments(exchange), exchange);
    } catch (RegistryError e) {
      status = e.httpStatus();
      answer = error(e.errorCode(), e.getMessage());
    } catch (RuntimeException e) {
      status = 500;
      answer = error(50001, "Internal error: " + e);
    }
    send(exchange, status, answer);
  }

  void send(HttpExchange exchange, int status, JsonNode answer) throws IOException {
    byte[] body = json.writeValueAsBytes(answer);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  ObjectNode error(int errorCode, String message) {
    return json.createObjectNode().put("error_code", errorCode).put("message", message);
  }

  private JsonNode route(String method, List<String> path, HttpExchange exchange)
      throws IOException {
    int n = path.size();
    String first = n > 0 ? path.get(0) : "";
    switch (first) {
      case "subjects" -> {
        if (n == 1 && method.equals("GET")) {
          return json.valueToTree(store.subjects());
        }
        if (n == 2 && method.equals("POST")) {
          return registered(store.lookup(path.get(1), schema(exchange)));
        }
        if (n == 3 && path.get(2).equals("versions") && method.equals("GET")) {
          return json.valueToTree(store.versions(path.get(1)));
        }
        if (n == 3 && path.get(2).equals("versions") && method.equals("POST")) {
          return json.createObjectNode().put("id", store.register(path.get(1), schema(exchange)));
        }
        if (n == 4 && path.get(2).equals("versions") && method.equals("GET")) {
          return registered(store.version(path.get(1), version(path.get(3))));
        }
      }
      case "schemas" -> {
        if (n == 3 && path.get(1).equals("ids") && method.equals("GET")) {
          return json.createObjectNode()
              .put("schema", store.schemaById(schemaId(path.get(2))).toString());
        }
      }
      case "compatibility" -> {
        if (n == 5
            && path.get(1).equals("subjects")
            && path.get(3).equals("versions")
            && method.equals("POST")) {
          String subject = path.get(2);
          Schema candidate = schema(exchange);
          store.version(subject, version(path.get(4))); // 40401 / 40402 as documented
          return json.createObjectNode()
              .put("is_compatible", store.isCompatible(subject, candidate));
        }
      }
      case "config" -> {
        return config(method, path, exchange);
      }
      default -> {}
    }
    throw new RegistryError(
        404, 404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path));
  }

  private JsonNode config(String method, List<String> path, HttpExchange exchange)
      throws IOException {
    if (path.size() == 1 && method.equals("GET")) {
      return json.createObjectNode().put("compatibilityLevel", store.globalLevel().name());
    }
    if (path.size() == 1 && method.equals("PUT")) {
      CompatibilityLevel level = level(exchange);
      store.setGlobalLevel(level);
      return json.createObjectNode().put("compatibility", level.name());
    }
    if (path.size() == 2 && method.equals("GET")) {
      String subject = path.get(1);
      String query = exchange.getRequestURI().getQuery();
      boolean defaultToGlobal = query != null && query.contains("defaultToGlobal=true");
      CompatibilityLevel level =
          store
              .subjectLevel(subject)
              .or(
                  () ->
                      defaultToGlobal
                          ? java.util.Optional.of(store.globalLevel())
                          : java.util.Optional.empty())
              .orElseThrow(
                  () ->
                      new RegistryError(
                          404,
                          RegistryError.SUBJECT_LEVEL_NOT_CONFIGURED,
                          "Subject '"
                              + subject
                              + "' does not have subject-level compatibility configured"));
      return json.createObjectNode().put("compatibilityLevel", level.name());
    }
    if (path.size() == 2 && method.equals("PUT")) {
      CompatibilityLevel level = level(exchange);
      store.setSubjectLevel(path.get(1), level);
      return json.createObjectNode().put("compatibility", level.name());
    }
    throw new RegistryError(
        404, 404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path));
  }

  private ObjectNode registered(RegisteredSchema schema) {
    return json.createObjectNode()
        .put("subject", schema.subject())
        .put("version", schema.version())
        .put("id", schema.id())
        .put("schema", schema.schema().toString());
  }

  private Schema schema(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    JsonNode type = body.get("schemaType");
    if (type != null && !type.isNull() && !type.asText().equals("AVRO")) {
      throw RegistryError.invalidSchema(
          "schema type " + type.asText() + " is not supported; this registry holds Avro only");
    }
    JsonNode text = body.get("schema");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      throw new RegistryError(422, 422, "schema may not be empty");
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (RuntimeException e) {
      // Avro 1.12 reports an unknown type name as a NullPointerException ("Unknown schema"), not
      // a SchemaParseException: anything the parser throws means the schema is invalid.
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }

  private CompatibilityLevel level(HttpExchange exchange) throws IOException {
    JsonNode level = body(exchange).get("compatibility");
    try {
      return CompatibilityLevel.parse(level == null ? "" : level.asText());
    } catch (IllegalArgumentException e) {
      throw new RegistryError(
          422,
          RegistryError.INVALID_COMPATIBILITY_LEVEL,
          "Invalid compatibility level: " + e.getMessage());
    }
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      JsonNode body = json.readTree(in);
      if (body == null || !body.isObject()) {
        throw new RegistryError(400, 400, "Expected a JSON object as the request body");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new RegistryError(400, 400, "Unparseable JSON body: " + e.getOriginalMessage());
    }
  }

  private static int version(String text) {
    if (text.equals("latest")) {
      return -1;
    }
    try {
      int version = Integer.parseInt(text);
      if (version >= 1 || version == -1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // fall through to the documented error
    }
    throw new RegistryError(
        422,
        RegistryError.INVALID_VERSION,
        "The specified version '"
            + text
            + "' is not a valid version id. "
            + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryError.schemaNotFound("no schema with id '" + text + "'");
    }
  }

  /** Path segments, each percent-decoded (subjects may hold any character). */
  private static List<String> segments(HttpExchange exchange) {
    List<String> segments = new ArrayList<>();
    for (String raw : exchange.getRequestURI().getRawPath().split("/")) {
      if (!raw.isEmpty()) {
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }
}
