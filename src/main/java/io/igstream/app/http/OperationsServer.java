package io.igstream.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations endpoints of a running explainer: {@code /metrics} (Prometheus text format),
 * {@code /live} and {@code /ready} (200 or 503, for Kubernetes probes), and, when given a root
 * handler, the dashboard on every other path. Plain JDK HTTP server: no framework, a handful of
 * requests per scrape or page refresh.
 */
public final class OperationsServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private OperationsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on {@code port} (0 picks a free port).
   *
   * @param metrics the Prometheus text exposition of every metric
   * @param live whether the process is alive (false only when it cannot recover: restart it)
   * @param ready whether it is ready to process (false while starting or rebalancing)
   */
  public static OperationsServer start(
      String host, int port, Supplier<String> metrics, BooleanSupplier live, BooleanSupplier ready)
      throws IOException {
    return start(host, port, metrics, live, ready, Optional.empty());
  }

  /**
   * As above, with {@code root} serving every other path (the dashboard and its API); without it
   * {@code /} lists the operations endpoints.
   */
  public static OperationsServer start(
      String host,
      int port,
      Supplier<String> metrics,
      BooleanSupplier live,
      BooleanSupplier ready,
      Optional<HttpHandler> root)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(
        "/metrics", exchange -> reply(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
    server.createContext("/live", exchange -> probe(exchange, live));
    server.createContext("/ready", exchange -> probe(exchange, ready));
    server.createContext(
        "/",
        root.orElse(
            exchange ->
                reply(
                    exchange,
                    exchange.getRequestURI().getPath().equals("/") ? 200 : 404,
                    "text/plain; charset=utf-8",
                    "igstream: /metrics /live /ready\n")));
    // Enough threads that a dashboard request waiting on another instance (which may be asking
    // this one at the same moment) never starves the probes.
    server.setExecutor(Executors.newFixedThreadPool(8, OperationsServer::daemon));
    server.start();
    return new OperationsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    reply(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ok\n");
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "igstream-http");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
