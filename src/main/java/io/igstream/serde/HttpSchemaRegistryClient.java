package io.igstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API v1, one HTTP call per method, no cache
 * (wrap it in {@link CachingSchemaRegistryClient}, as {@link SchemaRegistryClient#fromConfig}
 * does). Schemas are sent as Avro JSON strings without {@code schemaType}, which means Avro.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
  private final RegistryHttp http;

  public HttpSchemaRegistryClient(SchemaRegistryClientConfig config) {
    this.http = new RegistryHttp(config);
  }

  @Override
  public int register(String subject, Schema schema) {
    JsonNode answer =
        http.send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    return requiredInt(answer, "id", "register under " + subject);
  }

  /**
   * Registers a schema kept as text (an {@code .avsc} file, say) without parsing it here: the
   * registry validates it (422, {@code error_code} 42201 when it is not valid Avro).
   */
  public int register(String subject, String schemaJson) {
    ObjectNode body = http.json().createObjectNode().put("schema", schemaJson);
    JsonNode answer =
        http.send("POST", "/subjects/" + encode(subject) + "/versions", Optional.of(body));
    return requiredInt(answer, "id", "register under " + subject);
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    return registered(
        http.send("POST", "/subjects/" + encode(subject), schemaBody(schema)), subject);
  }

  @Override
  public Schema schemaById(int id) {
    JsonNode answer = http.send("GET", "/schemas/ids/" + id, Optional.empty());
    return parseSchema(answer, "schema id " + id);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return registered(
        http.send("GET", "/subjects/" + encode(subject) + "/versions/latest", Optional.empty()),
        subject);
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return registered(
        http.send("GET", "/subjects/" + encode(subject) + "/versions/" + version, Optional.empty()),
        subject);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    JsonNode answer =
        http.send(
            "POST",
            "/compatibility/subjects/" + encode(subject) + "/versions/latest",
            schemaBody(schema));
    JsonNode flag = answer.get("is_compatible");
    if (flag == null || !(flag.isBoolean() || flag.isTextual())) {
      throw malformed("compatibility check of " + subject, "is_compatible", answer);
    }
    // Older Confluent docs show "true" as a string: accept both.
    return flag.asBoolean();
  }

  @Override
  public CompatibilityLevel compatibility() {
    return level(http.send("GET", "/config", Optional.empty()), "global config");
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return level(
        http.send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", Optional.empty()),
        "config of " + subject);
  }

  @Override
  public void setCompatibility(CompatibilityLevel level) {
    http.send("PUT", "/config", Optional.of(levelBody(level)));
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    http.send("PUT", "/config/" + encode(subject), Optional.of(levelBody(level)));
  }

  private Optional<JsonNode> schemaBody(Schema schema) {
    ObjectNode body = http.json().createObjectNode();
    body.put("schema", schema.toString());
    return Optional.of(body);
  }

  private ObjectNode levelBody(CompatibilityLevel level) {
    return http.json().createObjectNode().put("compatibility", level.name());
  }

  private static RegisteredSchema registered(JsonNode answer, String subject) {
    String what = "schema of " + subject;
    String name = answer.hasNonNull("subject") ? answer.get("subject").asText() : subject;
    return new RegisteredSchema(
        name,
        requiredInt(answer, "version", what),
        requiredInt(answer, "id", what),
        parseSchema(answer, what));
  }

  /**
   * GET /config answers {@code compatibilityLevel}, PUT echoes {@code compatibility}: accept both.
   */
  private static CompatibilityLevel level(JsonNode answer, String what) {
    JsonNode level =
        answer.hasNonNull("compatibilityLevel")
            ? answer.get("compatibilityLevel")
            : answer.get("compatibility");
    if (level == null || !level.isTextual()) {
      throw malformed(what, "compatibilityLevel", answer);
    }
    try {
      return CompatibilityLevel.parse(level.asText());
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException(200, SchemaRegistryException.NO_RESPONSE, e.getMessage());
    }
  }

  private static Schema parseSchema(JsonNode answer, String what) {
    JsonNode type = answer.get("schemaType");
    if (type != null && type.isTextual() && !type.asText().equals("AVRO")) {
      throw new SchemaRegistryException(
          200,
          SchemaRegistryException.NO_RESPONSE,
          what + " is a " + type.asText() + " schema; only Avro is supported");
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw malformed(what, "schema", answer);
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (RuntimeException e) { // Avro 1.12 throws NPE for unknown type names, not only SPE
      throw new SchemaRegistryException(
          200,
          SchemaRegistryException.NO_RESPONSE,
          "the registry returned an invalid Avro schema for " + what + ": " + e.getMessage());
    }
  }

  private static int requiredInt(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw malformed(what, field, answer);
    }
    return value.asInt();
  }

  private static SchemaRegistryException malformed(String what, String field, JsonNode answer) {
    return new SchemaRegistryException(
        200,
        SchemaRegistryException.NO_RESPONSE,
        "unexpected answer for " + what + ": no '" + field + "' in " + answer);
  }

  /** Subjects are free text: encode them as one path segment. */
  static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
