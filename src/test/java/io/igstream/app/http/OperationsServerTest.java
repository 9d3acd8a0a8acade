package io.igstream.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OperationsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeMetricsAndProbesOverHttp() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    String metrics =
        new PrometheusText()
            .counter("igstream_events_in_total", "Prediction events read.", 12)
            .family("igstream_dead_lettered_total", "Dead-lettered events by reason.", "counter")
            .sample("igstream_dead_lettered_total", Map.of("reason", "non-finite"), 2)
            .toString();
    try (OperationsServer server =
        OperationsServer.start("127.0.0.1", 0, () -> metrics, () -> true, ready::get)) {
      HttpResponse<String> m = get(server, "/metrics");
      assertEquals(200, m.statusCode());
      assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      assertTrue(m.body().contains("# TYPE igstream_events_in_total counter\n"), m.body());
      assertTrue(m.body().contains("igstream_events_in_total 12\n"), m.body());
      assertTrue(
          m.body().contains("igstream_dead_lettered_total{reason=\"non-finite\"} 2\n"), m.body());
      assertEquals(200, get(server, "/live").statusCode());
      assertEquals(503, get(server, "/ready").statusCode(), "not ready until the stream runs");
      ready.set(true);
      assertEquals(200, get(server, "/ready").statusCode());
      assertEquals(404, get(server, "/nope").statusCode());
    }
  }

  @Test
  void shouldFormatSpecialValuesAndEscapeLabels() {
    assertEquals("NaN", PrometheusText.format(Double.NaN));
    assertEquals("+Inf", PrometheusText.format(Double.POSITIVE_INFINITY));
    assertEquals("3", PrometheusText.format(3.0));
    assertEquals("0.00125000000", PrometheusText.format(0.00125));
    String text =
        new PrometheusText()
            .family("x", "help with \\ and\nnewline", "gauge")
            .sample("x", Map.of("m", "a\"b"), 1)
            .toString();
    assertTrue(text.contains("# HELP x help with \\\\ and\\nnewline\n"), text);
    assertTrue(text.contains("x{m=\"a\\\"b\"} 1\n"), text);
  }

  private HttpResponse<String> get(OperationsServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
