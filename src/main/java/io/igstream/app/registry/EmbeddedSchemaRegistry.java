package io.igstream.app.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An in-memory Schema Registry speaking the Confluent REST API v1 subset igstream's serde uses, for
 * the demo and the tests (Confluent's registry is not to be had from Maven Central). One instance
 * is one registry scope: nothing is shared between instances.
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().build().start()) {
 *   Map<String, Object> config = Map.of("schema.registry.url", registry.url());
 *   ...
 * }
 * }</pre>
 *
 * Endpoints: {@code GET /subjects}, {@code GET|POST /subjects/{s}/versions}, {@code GET
 * /subjects/{s}/versions/{v|latest}}, {@code POST /subjects/{s}} (look-up), {@code GET
 * /schemas/ids/{id}}, {@code POST /compatibility/subjects/{s}/versions/{v|latest}}, {@code GET|PUT
 * /config[/{s}]}. Optional HTTP basic auth (401, {@code error_code} 401) and HTTPS.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private final int port;
  private final InetAddress address;
  private final Optional<String> credentials;
  private final Optional<SSLContext> sslContext;
  private final boolean needClientAuth;
  private final SchemaStore store = new SchemaStore();
  private final RegistryHandler handler = new RegistryHandler(store);
  private final AtomicLong requests = new AtomicLong();
  private HttpServer server;
  private ExecutorService executor;

  private EmbeddedSchemaRegistry(Builder settings) {
    this.port = settings.port;
    this.address = settings.address;
    this.credentials = settings.credentials;
    this.sslContext = settings.sslContext;
    this.needClientAuth = settings.needClientAuth;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the port and starts answering; returns {@code this}. */
  public synchronized EmbeddedSchemaRegistry start() {
    if (server != null) {
      throw new IllegalStateException("already started at " + url());
    }
    try {
      InetSocketAddress socket = new InetSocketAddress(address, port);
      if (sslContext.isPresent()) {
        HttpsServer https = HttpsServer.create(socket, 0);
        https.setHttpsConfigurator(
            new HttpsConfigurator(sslContext.get()) {
              @Override
              public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(needClientAuth);
                parameters.setSSLParameters(ssl);
              }
            });
        server = https;
      } else {
        server = HttpServer.create(socket, 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the schema registry to port " + port, e);
    }
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "schema-registry-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
    return this;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:43817}. */
  public synchronized String url() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    InetSocketAddress bound = server.getAddress();
    String host =
        bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
    String scheme = sslContext.isPresent() ? "https" : "http";
    return scheme + "://" + host + ":" + bound.getPort();
  }

  /** The bound port (useful after binding port 0). */
  public synchronized int port() {
    return server.getAddress().getPort();
  }

  /** HTTP requests received so far, rejected ones included: lets tests see what a cache saved. */
  public long requestCount() {
    return requests.get();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try {
      if (credentials.isPresent() && !authorized(exchange, credentials.get())) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry\"");
        handler.send(exchange, 401, handler.error(401, "Unauthorized"));
        return;
      }
      handler.handle(exchange);
    } finally {
      exchange.close();
    }
  }

  private static boolean authorized(HttpExchange exchange, String expectedUserInfo) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, expectedUserInfo.getBytes(StandardCharsets.UTF_8));
  }

  /** Settings: port (0 = ephemeral), bind address, basic auth, HTTPS. */
  public static final class Builder {
    private int port = 0;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private Optional<String> credentials = Optional.empty();
    private Optional<SSLContext> sslContext = Optional.empty();
    private boolean needClientAuth;

    private Builder() {}

    /** The port to bind; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to bind; loopback by default (the demo and tests run on one machine). */
    public Builder address(InetAddress address) {
      this.address = address;
      return this;
    }

    /** Requires HTTP basic auth with exactly these credentials. */
    public Builder basicAuth(String user, String password) {
      if (user.contains(":")) {
        throw new IllegalArgumentException("a basic-auth user name cannot contain ':'");
      }
      this.credentials = Optional.of(user + ":" + password);
      return this;
    }

    /** Serves HTTPS with this context's key material instead of HTTP. */
    public Builder https(SSLContext context) {
      this.sslContext = Optional.of(context);
      return this;
    }

    /**
     * Serves HTTPS and requires a client certificate the context's trust material accepts (mutual
     * TLS).
     */
    public Builder httpsWithClientCertificates(SSLContext context) {
      this.needClientAuth = true;
      return https(context);
    }

    public EmbeddedSchemaRegistry build() {
      return new EmbeddedSchemaRegistry(this);
    }
  }
}
