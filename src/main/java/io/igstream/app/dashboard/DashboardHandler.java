package io.igstream.app.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the dashboard: the page ({@code /}, static HTML, CSS and vanilla JavaScript from the jar,
 * no build step) and the JSON endpoints of {@link DashboardApi}, behind the optional token of
 * {@link DashboardAuth}. Everything else under {@code /} is a 404.
 */
public final class DashboardHandler implements HttpHandler {
  private static final Map<String, String[]> STATIC =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
          "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"});
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private final DashboardApi api;
  private final DashboardAuth auth;

  public DashboardHandler(DashboardApi api, DashboardAuth auth) {
    this.api = api;
    this.auth = auth;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean apiPath = path.startsWith("/api/");
      if (!apiPath && !STATIC.containsKey(path)) {
        reply(exchange, 404, "text/plain; charset=utf-8", bytes("not found: " + path + "\n"));
        return;
      }
      DashboardAuth.Verdict verdict =
          auth.check(
              Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
              Optional.ofNullable(exchange.getRequestHeaders().get("Cookie")).orElse(List.of()),
              exchange.getRequestURI());
      if (verdict == DashboardAuth.Verdict.DENIED) {
        deny(exchange, apiPath);
        return;
      }
      if (verdict == DashboardAuth.Verdict.ALLOWED_SET_COOKIE) {
        String token = DashboardAuth.queryToken(exchange.getRequestURI()).orElseThrow();
        exchange.getResponseHeaders().add("Set-Cookie", DashboardAuth.cookieFor(token));
        if (!apiPath) {
          // Drop the token from the address bar (and from the browser history).
          exchange.getResponseHeaders().set("Location", path);
          reply(exchange, 303, "text/plain; charset=utf-8", bytes("signed in\n"));
          return;
        }
      }
      if (apiPath) {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Optional<ObjectNode> body;
        try {
          body = api.answer(path);
        } catch (RuntimeException e) {
          // E.g. the stream is not started yet or is shutting down: say so, the page retries.
          ObjectNode error =
              DashboardJson.JSON.createObjectNode().put("error", "not available now: " + e);
          reply(exchange, 503, JSON_TYPE, DashboardJson.JSON.writeValueAsBytes(error));
          return;
        }
        if (body.isEmpty()) {
          reply(exchange, 404, JSON_TYPE, bytes("{\"error\":\"no endpoint " + path + "\"}"));
        } else {
          reply(exchange, 200, JSON_TYPE, DashboardJson.JSON.writeValueAsBytes(body.get()));
        }
        return;
      }
      String[] resource = STATIC.get(path);
      exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
      reply(exchange, 200, resource[1], resource(resource[0]));
    }
  }

  private void deny(HttpExchange exchange, boolean apiPath) throws IOException {
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"igstream\"");
    String fix =
        "this dashboard needs its token (igstream.dashboard.token): open /?token=<token> once"
            + " in the browser, or send the header Authorization: Bearer <token>";
    if (apiPath) {
      ObjectNode error = DashboardJson.JSON.createObjectNode().put("error", fix);
      reply(exchange, 401, JSON_TYPE, DashboardJson.JSON.writeValueAsBytes(error));
    } else {
      reply(exchange, 401, "text/plain; charset=utf-8", bytes(fix + "\n"));
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DashboardHandler.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IOException("dashboard resource missing from the jar: " + name);
      }
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void reply(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
