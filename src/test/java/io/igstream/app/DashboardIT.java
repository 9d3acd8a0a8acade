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
import io.igstream.avro.PredictionEvent;
import io.igstream.drift.DriftWindows;
import io.igstream.serde.ConfluentAvroDeserializer;
import io.igstream.serde.ConfluentAvroSerializer;
import io.igstream.stream.ExplainerStreamConfig;
import io.igstream.synth.FraudTransactions;
import io.igstream.synth.TrafficMix;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end: two explainer instances on one real broker, real traffic whose record
 * timestamps fill a stable reference window and then windows of a card-testing wave, the real drift
 * detector judging them, and the page rendered by headless Chromium. The detector must alert the
 * wave and nothing before it; the numbers the page shows must equal the JSON endpoints' (fetched
 * around the render, with traffic stopped so they are stable), the page must show both instances'
 * work, and a drift marker must mark each window the detector alerted. The screenshot is kept as a
 * build artifact: target/dashboard/dashboard.png.
 */
class DashboardIT {
  private static final int WINDOWS = 5;
  private static final int PER_WINDOW = 300;
  private static final int EVENTS = WINDOWS * PER_WINDOW;

  /** The first window of the card-testing wave; windows before it are normal traffic. */
  private static final int WAVE_FROM = 3;

  private static final long WINDOW_MS = 1000;

  /**
   * The demo's card-testing wave, heavier (half the traffic): the small model trained here leans on
   * card_testing_pattern less than the demo's, and its windows are smaller.
   */
  private static final TrafficMix WAVE = DemoTraffic.WAVE.withFraudRate(0.5);

  /**
   * Longer than the whole simulated span, so stream time never closes a window while a backlog is
   * explained out of order across partitions (no late events); the idle rule closes them all a few
   * seconds after the traffic is explained.
   */
  private static final long GRACE_MS = (WINDOWS + 1) * WINDOW_MS;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOT = Path.of("target", "dashboard", "dashboard.png");

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRenderTheWholePictureExactlyAndMarkDetectedDrift() throws Exception {
    if (!HeadlessChromium.installed()) {
      System.err.println(
          "DashboardIT SKIPPED: no /usr/bin/chromium (Debian package chromium; bin/igstream test"
              + " installs it when run as root)");
    }
    Assumptions.assumeTrue(HeadlessChromium.installed(), "chromium is not installed");
    ExplainerStreamConfig defaults = ExplainerStreamConfig.defaults();
    ExplainerStreamConfig stream =
        defaults.withDrift(
            defaults
                .drift()
                .withWindows(
                    DriftWindows.tumbling(WINDOW_MS), Duration.ofMillis(GRACE_MS), PER_WINDOW / 2));
    try (ExplainerStack stack =
            new ExplainerStack(
                dir, ExplainerAppConfig.DeviceRequest.CPU, EmbeddedTopics.PARTITIONS, stream);
        ExplainerRuntime second =
            stack.startInstance(dir.resolve("state-b"), ExplainerAppConfig.DeviceRequest.CPU)) {
      String base = "http://127.0.0.1:" + stack.runtime.httpPort();
      awaitTwoInstances(base);

      // The simulated clock ends about two seconds before now.
      long start =
          Math.floorDiv(System.currentTimeMillis(), WINDOW_MS) * WINDOW_MS - GRACE_MS - WINDOW_MS;
      Set<Long> wave = produceTraffic(stack, start);
      List<AttributionEvent> out = stack.readAttributions(EVENTS, Duration.ofSeconds(180));
      assertEquals(EVENTS, out.size(), "every event explained once");
      Set<Long> alerting =
          assertWaveDetected(readDrift(stack, Duration.ofSeconds(60)), start, wave);

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
   * {@value #WINDOWS} drift windows of {@value #PER_WINDOW} events each, their record timestamps
   * spread evenly over the window (a simulated clock, as the demo's, so each window holds a known
   * number of events however fast this runs): normal traffic until window {@value #WAVE_FROM} (the
   * first window becomes the reference), then the card-testing wave. Returns the wave's window
   * starts.
   */
  private static Set<Long> produceTraffic(ExplainerStack stack, long start) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    ConfluentAvroSerializer<PredictionEvent> serializer = new ConfluentAvroSerializer<>();
    serializer.configure(stack.registryConfig(), false);
    FraudTransactions transactions = new FraudTransactions(11);
    Set<Long> wave = new TreeSet<>();
    try (KafkaProducer<String, PredictionEvent> producer =
        new KafkaProducer<>(p, new StringSerializer(), serializer)) {
      for (int i = 0; i < EVENTS; i++) {
        int window = i / PER_WINDOW;
        long windowStart = start + window * WINDOW_MS;
        if (window >= WAVE_FROM) {
          wave.add(windowStart);
        }
        transactions.setMix(window >= WAVE_FROM ? WAVE : TrafficMix.defaults());
        long ts = windowStart + (i % PER_WINDOW) * WINDOW_MS / PER_WINDOW;
        List<Double> features = Arrays.stream(transactions.next().features()).boxed().toList();
        PredictionEvent e =
            PredictionEvent.newBuilder()
                .setId("e" + i)
                .setModel("fraud-demo")
                .setEventTime(Instant.ofEpochMilli(ts))
                .setFeatures(features)
                .build();
        producer.send(new ProducerRecord<>("predictions", null, ts, "k" + (i % 97), e));
      }
    }
    return wave;
  }

  /**
   * Reads the drift topic until one event per window arrived, then a second more so that a
   * duplicate or a reopened window would show.
   */
  private static List<DriftEvent> readDrift(ExplainerStack stack, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "drift-reader-" + System.nanoTime());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    ConfluentAvroDeserializer<DriftEvent> d = new ConfluentAvroDeserializer<>(DriftEvent.class);
    d.configure(stack.registryConfig(), false);
    List<DriftEvent> out = new ArrayList<>();
    try (KafkaConsumer<String, DriftEvent> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), d)) {
      consumer.subscribe(List.of("attribution-drift"));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < WINDOWS && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(r -> out.add(r.value()));
    }
    out.sort(Comparator.comparing(DriftEvent::getWindowStart));
    return out;
  }

  /**
   * One drift event per window, every event in its window (none late), the first window the
   * unjudged reference; the detector alerts in the wave and never before it. Returns the alerting
   * window starts.
   */
  private static Set<Long> assertWaveDetected(List<DriftEvent> drift, long start, Set<Long> wave) {
    StringBuilder seen = new StringBuilder();
    drift.forEach(
        e ->
            seen.append(
                String.format(
                    "%n  %s events=%d judged=%b alert=%b max|share change|=%.3f jsd=%.4f ndcg=%.3f"
                        + " moved=%s %s",
                    e.getWindowStart(),
                    e.getEvents(),
                    e.getJudged(),
                    e.getAlert(),
                    e.getShareChange().stream().mapToDouble(Math::abs).max().orElse(Double.NaN),
                    e.getJensenShannon(),
                    e.getNdcgTopK(),
                    e.getMovedFeatures(),
                    e.getAlertReasons())));
    System.err.println("DashboardIT drift windows:" + seen);
    assertEquals(WINDOWS, drift.size(), "one drift event per window:" + seen);
    Set<Long> alerting = new TreeSet<>();
    for (int w = 0; w < WINDOWS; w++) {
      DriftEvent e = drift.get(w);
      long windowStart = start + w * WINDOW_MS;
      assertEquals(Instant.ofEpochMilli(windowStart), e.getWindowStart(), seen.toString());
      assertEquals(PER_WINDOW, e.getEvents(), "every event in its window:" + seen);
      assertEquals(w > 0, e.getJudged(), "the first window is the reference:" + seen);
      if (e.getAlert()) {
        alerting.add(windowStart);
        assertEquals(
            "card_testing_pattern",
            e.getMovedFeatures().get(0),
            "the wave's own feature moved most:" + seen);
      }
    }
    assertEquals(wave, alerting, "the detector alerts exactly the card-testing wave:" + seen);
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
