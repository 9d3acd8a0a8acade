package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the dashboard page rendered (its DOM, read as start tags) compared with the JSON endpoints
 * it was rendered from: every number shown must be the exact JSON value (its {@code data-value}).
 */
final class RenderedDashboard {
  private RenderedDashboard() {}

  static void assertSummaryRendered(List<DomTags> tags, JsonNode summary) {
    JsonNode total = summary.path("total");
    JsonNode completeness = total.path("completeness");
    Map<String, JsonNode> expected = new HashMap<>();
    expected.put("eventsPerSecond", total.path("eventsPerSecond"));
    expected.put("completenessP50", completeness.path("p50"));
    expected.put("completenessP95", completeness.path("p95"));
    expected.put("completenessMax", completeness.path("max"));
    expected.put("eventsOut", total.path("eventsOut"));
    expected.put("deadLettered", total.path("deadLettered"));
    expected.put("alerts", total.path("alerts"));
    expected.put("reachable", total.path("reachable"));
    // The tiles are the first rendered number of each metric.
    Map<String, String> shown = new HashMap<>();
    for (DomTags t : tags) {
      if (t.hasClass("num") && t.get("data-metric") != null) {
        shown.putIfAbsent(t.get("data-metric"), t.get("data-value"));
      }
    }
    expected.forEach((metric, value) -> assertSameNumber(value, shown.get(metric), metric));
    List<String> rows = new ArrayList<>();
    for (DomTags t : tags) {
      if (t.name().equals("tr") && t.get("data-reachable") != null) {
        rows.add(t.get("data-instance") + "=" + t.get("data-reachable"));
      }
    }
    List<String> fromJson = new ArrayList<>();
    summary.path("instances").forEach(i -> fromJson.add(i.path("instance").asText() + "=true"));
    assertEquals(fromJson, rows, "one row per instance, both reachable");
  }

  static void assertEventsRendered(List<DomTags> tags, JsonNode latest) {
    Map<String, Map<String, String>> eventNumbers = new LinkedHashMap<>();
    Map<String, Map<String, String>> bars = new HashMap<>();
    String current = null;
    for (DomTags t : tags) {
      if (t.name().equals("div") && t.hasClass("event")) {
        current = t.get("data-id");
        eventNumbers.put(current, new HashMap<>());
        bars.put(current, new HashMap<>());
      } else if (current != null && t.hasClass("num") && t.get("data-metric") != null) {
        eventNumbers.get(current).putIfAbsent(t.get("data-metric"), t.get("data-value"));
      } else if (current != null && t.name().equals("rect") && t.hasClass("bar")) {
        bars.get(current).put(t.get("data-feature"), t.get("data-value"));
      } else if (t.name().equals("section") && current != null) {
        current = null;
      }
    }
    JsonNode items = latest.path("items");
    List<String> expectedIds = new ArrayList<>();
    for (int i = 0; i < Math.min(6, items.size()); i++) {
      expectedIds.add(items.get(i).path("id").asText());
    }
    assertEquals(expectedIds, new ArrayList<>(eventNumbers.keySet()), "the newest events");
    assertFalse(expectedIds.isEmpty());
    for (int i = 0; i < expectedIds.size(); i++) {
      JsonNode e = items.get(i);
      Map<String, String> shown = eventNumbers.get(expectedIds.get(i));
      assertSameNumber(e.path("completenessError"), shown.get("completenessError"), "error");
      assertSameNumber(e.path("prediction"), shown.get("prediction"), "prediction");
      Map<String, String> shownBars = bars.get(expectedIds.get(i));
      assertEquals(Math.min(8, e.path("features").size()), shownBars.size());
      for (JsonNode f : e.path("features")) {
        if (shownBars.containsKey(f.path("name").asText())) {
          assertSameNumber(f.path("attribution"), shownBars.get(f.path("name").asText()), "bar");
        }
        assertFalse(f.has("value"), "raw feature values are hidden by default");
      }
    }
  }

  static void assertAlertsRendered(List<DomTags> tags, JsonNode alerts, JsonNode summary) {
    List<String> rows = new ArrayList<>();
    Map<String, List<String>> reasons = new HashMap<>();
    Map<String, String> contributions = new HashMap<>();
    String current = null;
    String code = null;
    for (DomTags t : tags) {
      if (t.name().equals("tr") && t.hasClass("alert-row")) {
        current = t.get("data-id");
        rows.add(current);
        reasons.put(current, new ArrayList<>());
      } else if (current != null && t.name().equals("li") && t.get("data-code") != null) {
        code = t.get("data-code");
        reasons.get(current).add(code);
      } else if (current != null && "contribution".equals(t.get("data-metric"))) {
        contributions.put(current + "/" + code, t.get("data-value"));
      }
    }
    JsonNode items = alerts.path("items");
    assertEquals(Math.min(20, summary.path("total").path("alerts").asLong()), items.size());
    List<String> ids = new ArrayList<>();
    items.forEach(n -> ids.add(n.path("id").asText()));
    assertEquals(ids, rows);
    for (JsonNode a : items) {
      List<String> codes = new ArrayList<>();
      for (JsonNode r : a.path("reasons")) {
        codes.add(r.path("code").asText());
        assertSameNumber(
            r.path("contribution"),
            contributions.get(a.path("id").asText() + "/" + r.path("code").asText()),
            "contribution");
      }
      assertEquals(codes, reasons.get(a.path("id").asText()));
    }
  }

  static void assertDriftMarked(List<DomTags> tags, JsonNode drift, Set<Long> alerting) {
    assertTrue(drift.path("available").asBoolean(), drift.toString());
    Set<Long> alertedInJson = new TreeSet<>();
    for (JsonNode m : drift.path("models")) {
      for (JsonNode w : m.path("windows")) {
        if (w.path("alert").asBoolean()) {
          alertedInJson.add(w.path("windowStartMillis").asLong());
        }
      }
    }
    assertEquals(alerting, alertedInJson, "the JSON reports the windows the detector alerted");
    Set<Long> markers = new TreeSet<>();
    for (DomTags t : tags) {
      if (t.name().equals("line") && t.hasClass("drift-marker")) {
        markers.add(Long.parseLong(t.get("data-window-start-millis")));
      }
    }
    assertEquals(alerting, markers, "one marker per alerting window, none elsewhere");
  }

  private static void assertSameNumber(JsonNode json, String shown, String what) {
    if (json.isNull() || json.isMissingNode()) {
      assertEquals("null", shown, what);
    } else {
      assertEquals(json.asDouble(), Double.parseDouble(shown), 0.0, what + " shown " + shown);
    }
  }
}
