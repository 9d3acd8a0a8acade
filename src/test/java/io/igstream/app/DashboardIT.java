package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.avro.AttributionEvent;
import io.igstream.avro.DriftEvent;
import io.igstream.serde.ConfluentAvroSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end: two explainer instances on one real broker, real traffic, drift events
 * injected on the drift topic, and the page rendered by headless Chromium. The numbers the page
 * shows must equal the JSON endpoints' (fetched around the render, with traffic stopped so they are
 * stable), the page must show both instances' work, and a drift marker must mark each injected
 * alerting window. The screenshot is kept as a build artifact: target/dashboard/dashboard.png.
 */
class DashboardIT {
  private static final int EVENTS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOT = Path.of("target", "dashboard", "dashboard.png");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRenderTheWholePictureExactlyAndMarkInjectedDrift() throws Exception {
    if (!HeadlessChromium.installed()) {
      System.err.println(
          "DashboardIT SKIPPED: no /usr/bin/chromium (Debian package chromium; bin/igstream test"
              + " installs it when run as root)");
    }
    Assumptions.assumeTrue(HeadlessChromium.installed(), "chromium is not installed");
    try (ExplainerStack stack = new ExplainerStack(dir);
        ExplainerRuntime second =
            stack.startInstance(dir.resolve("state-b"), ExplainerAppConfig.DeviceRequest.CPU)) {
      String base = "http://127.0.0.1:" + stack.runtime.httpPort();
      awaitTwoInstances(base);

      stack.produce(0, EVENTS);
      List<AttributionEvent> out = stack.readAttributions(EVENTS, Duration.ofSeconds(180));
      assertEquals(EVENTS, out.size(), "every event explained once");
      Set<Long> alerting = injectDrift(stack, out.get(0).getFeatureNames());

      Map<String, JsonNode> before = awaitStable(base, alerting.size());
      HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(dir.resolve("c")));
      String dom = chromium.dumpDom(base + "/", 8000);
      Map<String, JsonNode> after = fetchAll(base);
      assertEquals(withoutStamps(before), withoutStamps(after), "JSON changed during the render");
      chromium.screenshot(base + "/", SCREENSHOT, 8000);
      assertTrue(Files.size(SCREENSHOT) > 10_000, "a real picture, not an empty page");

      List<DomTags> tags = DomTags.parse(dom);
      assertTrue(
          tags.stream().anyMatch(t -> "live".equals(t.get("data-state"))),
          "the page says it is live: " + dom.substring(0, Math.min(dom.length(), 2000)));
      JsonNode summary = after.get("summary");
      assertWholePicture(summary);
      assertNewestAcrossInstances(after.get("latest"), base, second);
      JsonNode fromSecond = get("http://127.0.0.1:" + second.httpPort() + "/api/summary");
      assertEquals(
          summary.path("total").path("eventsOut"),
          fromSecond.path("total").path("eventsOut"),
          "either instance serves the whole picture");
      RenderedDashboard.assertSummaryRendered(tags, summary);
      RenderedDashboard.assertEventsRendered(tags, after.get("latest"));
      RenderedDashboard.assertAlertsRendered(tags, after.get("alerts"), summary);
      RenderedDashboard.assertDriftMarked(tags, after.get("drift"), alerting);
    }
  }

  private void awaitTwoInstances(String base) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode summary = null;
    while (System.nanoTime() < deadline) {
      summary = get(base + "/api/summary");
      JsonNode total = summary.path("total");
      if (total.path("instances").asInt() == 2 && total.path("reachable").asInt() == 2) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the group never listed both instances: " + summary);
  }

  /**
   * Twelve one-minute windows of the served model; windows 8..11 move 15 points of share onto the
   * first feature and alert. Window 0 is unjudged (NaN distances), as a real first window is.
   */
  private static Set<Long> injectDrift(ExplainerStack stack, List<String> features) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    ConfluentAvroSerializer<DriftEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(stack.registryConfig(), false);
    Set<Long> alerting = new TreeSet<>();
    long start = System.currentTimeMillis() / 60_000 * 60_000 - 12 * 60_000;
    int n = features.size();
    try (KafkaProducer<String, DriftEvent> producer =
        new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      for (int w = 0; w < 12; w++) {
        boolean drifted = w >= 8;
        List<Double> share = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> change = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          double ref = 1.0 / n;
          double s =
              drifted
                  ? (i == 0 ? ref + 0.15 : ref - 0.15 / (n - 1))
                  : ref + (w % 3 - 1) * 1e-3 * (i == 0 ? n - 1 : -1);
          share.add(s);
          reference.add(ref);
          change.add(s - ref);
        }
        long ws = start + w * 60_000L;
        if (drifted) {
          alerting.add(ws);
        }
        DriftEvent e =
            DriftEvent.newBuilder()
                .setModel("fraud-demo")
                .setModelVersion(null)
                .setWindowStart(java.time.Instant.ofEpochMilli(ws))
                .setWindowEnd(java.time.Instant.ofEpochMilli(ws + 60_000))
                .setEvents(50 + w)
                .setJudged(w > 0)
                .setReference("window:" + java.time.Instant.ofEpochMilli(start))
                .setFeatureNames(features)
                .setMeanAbsAttribution(share)
                .setMeanAttribution(share)
                .setShare(share)
                .setReferenceShare(reference)
                .setShareChange(change)
                .setJensenShannon(w == 0 ? Double.NaN : drifted ? 0.08 : 1e-5)
                .setTopK(5)
                .setNdcgTopK(w == 0 ? Double.NaN : drifted ? 0.7 : 1.0)
                .setMovedFeatures(List.of(features.get(0)))
                .setAlert(drifted)
                .setAlertReasons(
                    drifted ? List.of("share of " + features.get(0) + " +0.15 > 0.05") : List.of())
                .build();
        producer.send(new ProducerRecord<>("attribution-drift", "fraud-demo", e));
      }
    }
    return alerting;
  }

  /** Waits until two fetches agree (no traffic, rate back to 0, drift read). */
  private Map<String, JsonNode> awaitStable(String base, int driftAlerts) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<String, JsonNode> last = Map.of();
    while (System.nanoTime() < deadline) {
      Map<String, JsonNode> now = fetchAll(base);
      boolean idle = now.get("summary").path("total").path("eventsPerSecond").asDouble() == 0.0;
      int alerts = 0;
      for (JsonNode m : now.get("drift").path("models")) {
        for (JsonNode w : m.path("windows")) {
          alerts += w.path("alert").asBoolean() ? 1 : 0;
        }
      }
      if (idle && alerts == driftAlerts && withoutStamps(now).equals(withoutStamps(last))) {
        return now;
      }
      last = now;
      Thread.sleep(1000);
    }
    throw new AssertionError("the dashboard's JSON never settled: " + last);
  }

  private Map<String, JsonNode> fetchAll(String base) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    out.put("summary", get(base + "/api/summary"));
    out.put("latest", get(base + "/api/attributions/latest"));
    out.put("alerts", get(base + "/api/alerts/recent"));
    out.put("drift", get(base + "/api/drift"));
    return out;
  }

  private static Map<String, JsonNode> withoutStamps(Map<String, JsonNode> answers) {
    Map<String, JsonNode> out = new HashMap<>();
    answers.forEach(
        (k, v) -> {
          ObjectNode copy = v.deepCopy();
          copy.remove("generatedAt");
          out.put(k, copy);
        });
    return out;
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private static void assertWholePicture(JsonNode summary) {
    JsonNode total = summary.path("total");
    assertEquals(2, total.path("reachable").asInt());
    assertEquals(EVENTS, total.path("eventsOut").asLong(), "explained across both instances");
    long sum = 0;
    for (JsonNode i : summary.path("instances")) {
      assertTrue(i.path("eventsOut").asLong() > 0, "each instance explained a share: " + i);
      sum += i.path("eventsOut").asLong();
    }
    assertEquals(EVENTS, sum);
    assertTrue(total.path("completeness").path("samples").asInt() > 0);
  }

  /**
   * Both instances hold recent events of their own partitions, and the merged list starts with the
   * newest of all of them (a batch's events share one explainedAt, so the top 20 may well come from
   * one instance: which one must follow from the times).
   */
  private void assertNewestAcrossInstances(JsonNode merged, String base, ExplainerRuntime second)
      throws Exception {
    long newest = Long.MIN_VALUE;
    for (String url : List.of(base, "http://127.0.0.1:" + second.httpPort())) {
      JsonNode local = get(url + "/api/local/attributions");
      assertTrue(local.path("queryable").asBoolean());
      assertFalse(local.path("items").isEmpty(), url + " holds recent events of its partitions");
      newest = Math.max(newest, local.path("items").get(0).path("explainedAtMillis").asLong());
    }
    assertEquals(newest, merged.path("items").get(0).path("explainedAtMillis").asLong());
  }
}
