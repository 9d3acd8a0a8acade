package io.igstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over HTTP to one of several registry URLs: content types, basic auth, timeouts, fail-over on
 * connection errors, and Confluent error bodies turned into {@link SchemaRegistryException}s keyed
 * on HTTP status first.
 */
final class RegistryHttp {
  /** The preferred type first, then the ones other Confluent-API servers answer with. */
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final List<String> JSON_TYPES =
      List.of(
          "application/vnd.schemaregistry.v1+json",
          "application/vnd.schemaregistry+json",
          "application/json");

  private final ObjectMapper json = new ObjectMapper();
  private final SchemaRegistryClientConfig config;
  private final HttpClient http;

  /** Index of the endpoint that answered last: later calls start there. */
  private final AtomicInteger preferred = new AtomicInteger();

  RegistryHttp(SchemaRegistryClientConfig config) {
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // Registries are HTTP/1.1 services; skip the h2c upgrade dance proxies may mangle.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (config.tls().configured()) {
      builder.sslContext(config.tls().sslContext());
    }
    this.http = builder.build();
  }

  /**
   * Sends {@code body} (or nothing) to {@code path} and returns the parsed JSON answer.
   *
   * @param path already-encoded path and query, starting with {@code /}
   */
  JsonNode send(String method, String path, Optional<JsonNode> body) {
    List<SchemaRegistryClientConfig.Endpoint> endpoints = config.endpoints();
    List<String> failures = new ArrayList<>();
    IOException lastFailure = null;
    int start = preferred.get();
    for (int attempt = 0; attempt < endpoints.size(); attempt++) {
      int index = (start + attempt) % endpoints.size();
      SchemaRegistryClientConfig.Endpoint endpoint = endpoints.get(index);
      HttpRequest request = request(endpoint, method, path, body);
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        failures.add(endpoint.baseUri() + ": " + e);
        lastFailure = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(method + " " + path + " interrupted", e);
      }
      preferred.set(index);
      return answer(method, path, response);
    }
    throw new SchemaRegistryException(
        method + " " + path + ": no schema registry answered (" + String.join("; ", failures) + ")",
        lastFailure);
  }

  private HttpRequest request(
      SchemaRegistryClientConfig.Endpoint endpoint,
      String method,
      String path,
      Optional<JsonNode> body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(endpoint.baseUri() + path))
            .timeout(config.readTimeout())
            .header("Accept", ACCEPT);
    if (body.isPresent()) {
      builder.header("Content-Type", CONTENT_TYPE);
      builder.method(method, HttpRequest.BodyPublishers.ofString(body.get().toString()));
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    config
        .credentialsFor(endpoint)
        .ifPresent(
            userInfo ->
                builder.header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
    return builder.build();
  }

  private JsonNode answer(String method, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    String where = method + " " + path;
    if (status >= 200 && status < 300) {
      Optional<String> type = response.headers().firstValue("Content-Type");
      if (type.isPresent() && !isJson(type.get())) {
        throw new SchemaRegistryException(
            status,
            SchemaRegistryException.NO_RESPONSE,
            where + ": unexpected content type '" + type.get() + "', expected JSON");
      }
      try {
        return json.readTree(response.body());
      } catch (IOException e) {
        throw new SchemaRegistryException(
            status,
            SchemaRegistryException.NO_RESPONSE,
            where + ": HTTP " + status + " with a body that is not JSON: " + snippet(response));
      }
    }
    int errorCode = SchemaRegistryException.NO_RESPONSE;
    String message = snippet(response);
    try {
      JsonNode error = json.readTree(response.body());
      if (error != null && error.hasNonNull("error_code")) {
        errorCode = error.get("error_code").asInt(SchemaRegistryException.NO_RESPONSE);
      }
      if (error != null && error.hasNonNull("message")) {
        message = error.get("message").asText();
      }
    } catch (IOException e) {
      // Not a Confluent error body (a proxy's HTML page, say): the status and the text still tell.
    }
    String code =
        errorCode == SchemaRegistryException.NO_RESPONSE ? "" : ", error_code " + errorCode;
    throw new SchemaRegistryException(
        status, errorCode, where + ": HTTP " + status + code + ": " + message);
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return JSON_TYPES.contains(mediaType);
  }

  private static String snippet(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }

  ObjectMapper json() {
    return json;
  }
}
