package io.igstream.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks another instance for its local slice ({@code GET http://host:port/api/local/...}), with the
 * dashboard token when one is set. Never throws: a peer that is down, slow or answers an error
 * becomes a {@link PeerAnswer#failed} saying why.
 */
final class PeerClient {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final Optional<String> token;

  PeerClient(Optional<String> token) {
    this.token = token;
  }

  CompletableFuture<PeerAnswer> get(String instance, String localPath) {
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create("http://" + instance + localPath))
              .timeout(TIMEOUT)
              .header("Accept", "application/json");
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          PeerAnswer.failed(instance, "not an address: " + e.getMessage()));
    }
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return PeerAnswer.failed(instance, "unreachable: " + cause);
              }
              if (response.statusCode() != 200) {
                return PeerAnswer.failed(instance, "answered HTTP " + response.statusCode());
              }
              try {
                JsonNode body = DashboardJson.JSON.readTree(response.body());
                return body instanceof ObjectNode o
                    ? PeerAnswer.of(instance, o)
                    : PeerAnswer.failed(instance, "answered something that is not a JSON object");
              } catch (java.io.IOException e) {
                return PeerAnswer.failed(instance, "answered invalid JSON: " + e.getMessage());
              }
            });
  }
}
