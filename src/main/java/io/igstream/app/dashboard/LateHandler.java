package io.igstream.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A handler attached after the server started. The HTTP server must listen before Kafka Streams
 * starts (its port is the {@code application.server} the other instances call), and the dashboard
 * needs the started stream: until {@link #attach} it answers 503.
 */
public final class LateHandler implements HttpHandler {
  private final AtomicReference<HttpHandler> target = new AtomicReference<>();

  public void attach(HttpHandler handler) {
    target.set(handler);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    HttpHandler h = target.get();
    if (h != null) {
      h.handle(exchange);
      return;
    }
    try (exchange) {
      byte[] body = "starting\n".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.getResponseHeaders().set("Retry-After", "1");
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
