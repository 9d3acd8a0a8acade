package io.igstream.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.igstream.app.http.OperationsServer;
import io.igstream.stream.RecentAlert;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's HTTP endpoints on the real operations server: token on and off, feature values
 * hidden and shown, the fan-out to every instance and its merge, and an unreachable instance.
 */
class DashboardApiTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<OperationsServer> servers = new ArrayList<>();

  @AfterEach
  void closeServers() {
    servers.forEach(OperationsServer::close);
  }

  private OperationsServer serve(FixedInstanceView view, DashboardSettings settings)
      throws Exception {
    OperationsServer server =
        OperationsServer.start(
            "127.0.0.1",
            0,
            () -> "",
            () -> true,
            () -> true,
            Optional.of(
                new DashboardHandler(
                    new DashboardApi(view, settings), new DashboardAuth(settings.token()))));
    servers.add(server);
    view.self = "127.0.0.1:" + server.port();
    return server;
  }

  private HttpResponse<String> get(OperationsServer s, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode row(JsonNode rows, String instance) {
    for (JsonNode r : rows) {
      if (r.path("instance").asText().equals(instance)) {
        return r;
      }
    }
    throw new AssertionError("no row for " + instance + " in " + rows);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    return DashboardJson.JSON.readTree(r.body());
  }

  @Test
  void shouldServeThePageAndTheApiWithoutATokenWhenNoneIsSet() throws Exception {
    FixedInstanceView view = new FixedInstanceView();
    view.attributions.add(FixedInstanceView.attribution("e1", 1_000, 1e-4));
    OperationsServer s = serve(view, DashboardSettings.defaults());
    HttpResponse<String> page = get(s, "/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"dashboard.js\">"), page.body());
    assertTrue(get(s, "/dashboard.js").body().contains("api/summary"));
    assertEquals(200, get(s, "/dashboard.css").statusCode());
    assertEquals(404, get(s, "/nothing-here").statusCode());
    assertEquals(404, get(s, "/api/nothing").statusCode());
    JsonNode summary = json(get(s, "/api/summary"));
    assertEquals(1, summary.path("total").path("instances").asInt());
    assertEquals(1e-4, summary.path("total").path("completeness").path("max").asDouble());
  }

  @Test
  void shouldRequireTheTokenForPageAndApiButNotForProbes() throws Exception {
    FixedInstanceView view = new FixedInstanceView();
    OperationsServer s = serve(view, DashboardSettings.defaults().withToken("s3cret-t0ken"));
    HttpResponse<String> denied = get(s, "/api/summary");
    assertEquals(401, denied.statusCode());
    assertTrue(denied.body().contains("igstream.dashboard.token"), denied.body());
    assertEquals(401, get(s, "/").statusCode());
    assertEquals(401, get(s, "/api/summary", "Authorization", "Bearer wrong").statusCode());
    assertEquals(401, get(s, "/api/summary", "Authorization", "Bearer s3cret-t0ke").statusCode());
    assertEquals(200, get(s, "/api/summary", "Authorization", "Bearer s3cret-t0ken").statusCode());
    assertEquals(200, get(s, "/live").statusCode());
    assertEquals(200, get(s, "/ready").statusCode());

    HttpResponse<String> signIn = get(s, "/?token=s3cret-t0ken");
    assertEquals(303, signIn.statusCode());
    assertEquals("/", signIn.headers().firstValue("Location").orElseThrow());
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("HttpOnly"), cookie);
    String pair = cookie.substring(0, cookie.indexOf(';'));
    assertEquals(200, get(s, "/", "Cookie", pair).statusCode());
    assertEquals(200, get(s, "/api/drift", "Cookie", pair).statusCode());
    assertEquals(401, get(s, "/?token=nope").statusCode());
    assertEquals(401, get(s, "/", "Cookie", DashboardAuth.COOKIE + "=s3cret-t0kenX").statusCode());
  }

  @Test
  void shouldHideRawFeatureValuesUnlessConfigured() throws Exception {
    FixedInstanceView hidden = new FixedInstanceView();
    hidden.attributions.add(FixedInstanceView.attribution("e1", 1_000, 0.0));
    JsonNode h = json(get(serve(hidden, DashboardSettings.defaults()), "/api/attributions/latest"));
    assertFalse(h.path("featureValuesShown").asBoolean());
    JsonNode hf = h.path("items").get(0).path("features");
    assertEquals("amount", hf.get(0).path("name").asText());
    assertEquals(0.5, hf.get(0).path("attribution").asDouble());
    assertFalse(hf.get(0).has("value"), hf.toString());
    assertFalse(h.toString().contains("1234.5"), "the raw value appears nowhere");

    FixedInstanceView shown = new FixedInstanceView();
    shown.attributions.add(FixedInstanceView.attribution("e1", 1_000, 0.0));
    JsonNode s =
        json(
            get(
                serve(shown, DashboardSettings.defaults().withShowFeatures(true)),
                "/api/attributions/latest"));
    assertTrue(s.path("featureValuesShown").asBoolean());
    assertEquals(1234.5, s.path("items").get(0).path("features").get(0).path("value").asDouble());
    assertEquals(7.0, s.path("items").get(0).path("features").get(1).path("value").asDouble());
  }

  @Test
  void shouldMergeEveryInstancesSliceAndReportAnUnreachableOne() throws Exception {
    FixedInstanceView a = new FixedInstanceView();
    a.counters = new InstanceView.Counters("RUNNING", 110, 100, 10, 4, 50.0);
    for (int i = 1; i <= 3; i++) {
      a.attributions.add(FixedInstanceView.attribution("a" + i, 1_000 + 10 * i, i * 1e-3));
    }
    a.alerts.add(
        new RecentAlert(
            0,
            "a2",
            "fraud",
            "1",
            1_020,
            0.9,
            0.5,
            2e-3,
            List.of(new RecentAlert.Reason(1, "R01", "Amount", 0.4, 0.5)),
            null));
    FixedInstanceView b = new FixedInstanceView();
    b.counters = new InstanceView.Counters("RUNNING", 60, 55, 5, 1, 25.5);
    b.attributions.add(FixedInstanceView.attribution("b1", 1_015, 4e-3));
    b.attributions.add(FixedInstanceView.attribution("b2", 1_035, 5e-3));
    DashboardSettings token = DashboardSettings.defaults().withToken("tk");
    OperationsServer sa = serve(a, token);
    OperationsServer sb = serve(b, token);
    String down;
    try (ServerSocket free = new ServerSocket(0)) {
      down = "127.0.0.1:" + free.getLocalPort();
    }
    for (FixedInstanceView v : List.of(a, b)) {
      v.group.addAll(List.of(a.self, b.self, down));
    }

    JsonNode summary = json(get(sa, "/api/summary", "Authorization", "Bearer tk"));
    JsonNode total = summary.path("total");
    assertEquals(3, total.path("instances").asInt());
    assertEquals(2, total.path("reachable").asInt());
    assertEquals(155, total.path("eventsOut").asLong());
    assertEquals(170, total.path("eventsIn").asLong());
    assertEquals(15, total.path("deadLettered").asLong());
    assertEquals(5, total.path("alerts").asLong());
    assertEquals(75.5, total.path("eventsPerSecond").asDouble());
    // Union of samples {1,2,3,4,5}e-3: nearest rank p50 = 3rd, p95 = 5th smallest.
    assertEquals(5, total.path("completeness").path("samples").asInt());
    assertEquals(3e-3, total.path("completeness").path("p50").asDouble());
    assertEquals(5e-3, total.path("completeness").path("p95").asDouble());
    assertEquals(5e-3, total.path("completeness").path("max").asDouble());
    JsonNode rows = summary.path("instances");
    assertEquals(a.self, rows.get(0).path("instance").asText(), "this instance first");
    assertEquals(3e-3, rows.get(0).path("completeness").path("max").asDouble());
    JsonNode unreachable = row(rows, down);
    assertTrue(row(rows, b.self).path("reachable").asBoolean());
    assertFalse(unreachable.path("reachable").asBoolean());
    assertTrue(
        unreachable.path("error").asText().startsWith("unreachable"), unreachable.toString());

    JsonNode latest = json(get(sa, "/api/attributions/latest", "Authorization", "Bearer tk"));
    List<String> ids = new ArrayList<>();
    latest.path("items").forEach(n -> ids.add(n.path("id").asText()));
    assertEquals(List.of("b2", "a3", "a2", "b1", "a1"), ids, "newest first across instances");
    assertEquals(b.self, latest.path("items").get(0).path("instance").asText());

    JsonNode fromB = json(get(sb, "/api/alerts/recent", "Authorization", "Bearer tk"));
    assertEquals(1, fromB.path("items").size(), "b shows a's alert: the whole picture");
    assertEquals("R01", fromB.path("items").get(0).path("reasons").get(0).path("code").asText());
    assertEquals(a.self, fromB.path("items").get(0).path("instance").asText());
  }

  @Test
  void shouldReportAPeerThatRefusesTheTokenInsteadOfFailing() throws Exception {
    FixedInstanceView a = new FixedInstanceView();
    FixedInstanceView b = new FixedInstanceView();
    OperationsServer sa = serve(a, DashboardSettings.defaults());
    serve(b, DashboardSettings.defaults().withToken("only-b-knows"));
    a.group.addAll(List.of(a.self, b.self));
    JsonNode summary = json(get(sa, "/api/summary"));
    JsonNode peer = row(summary.path("instances"), b.self);
    assertFalse(peer.path("reachable").asBoolean());
    assertEquals("answered HTTP 401", peer.path("error").asText());
  }
}
