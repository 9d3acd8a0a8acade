package io.igstream.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.stream.DashboardQueries.Slice;
import io.igstream.stream.DriftWindow;
import io.igstream.stream.RecentAlert;
import io.igstream.stream.RecentAttribution;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance's slice as JSON ({@code /api/local/...}) and the global drift history ({@code
 * /api/drift}). Numbers are written exactly (shortest round-trip form); non-finite numbers (the
 * distances of an unjudged drift window) become {@code null}; times are ISO-8601 UTC.
 */
final class DashboardJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private DashboardJson() {}

  static ObjectNode localSummary(InstanceView view, Slice<RecentAttribution> recent) {
    InstanceView.Counters c = view.counters();
    ObjectNode o = JSON.createObjectNode();
    o.put("instance", view.self());
    o.put("state", c.state());
    o.put("queryable", recent.queryable());
    o.put("eventsIn", c.eventsIn());
    o.put("eventsOut", c.eventsOut());
    o.put("deadLettered", c.deadLettered());
    o.put("alerts", c.alerts());
    o.put("eventsPerSecond", c.eventsPerSecond());
    ArrayNode samples = o.putArray("completenessSamples");
    recent.items().forEach(a -> samples.add(Math.abs(a.completenessError())));
    return o;
  }

  static ObjectNode localAttributions(
      InstanceView view, Slice<RecentAttribution> recent, boolean showFeatures) {
    ObjectNode o = slice(view, recent.queryable());
    o.put("featureValuesShown", showFeatures);
    ArrayNode items = o.putArray("items");
    for (RecentAttribution a : recent.items()) {
      items.add(attribution(view.self(), a, showFeatures));
    }
    return o;
  }

  static ObjectNode localAlerts(InstanceView view, Slice<RecentAlert> recent) {
    ObjectNode o = slice(view, recent.queryable());
    ArrayNode items = o.putArray("items");
    recent.items().forEach(a -> items.add(alert(view.self(), a)));
    return o;
  }

  static ObjectNode drift(InstanceView view) {
    ObjectNode o = JSON.createObjectNode();
    o.put("instance", view.self());
    o.put("available", view.driftProblem().isEmpty());
    o.put("unavailableBecause", view.driftProblem().orElse(null));
    ArrayNode models = o.putArray("models");
    for (Map.Entry<String, List<DriftWindow>> m : view.driftHistory().entrySet()) {
      ObjectNode model = models.addObject();
      model.put("model", m.getKey());
      List<DriftWindow> windows = m.getValue();
      ArrayNode names = model.putArray("featureNames");
      if (!windows.isEmpty()) {
        windows.get(windows.size() - 1).featureNames().forEach(names::add);
      }
      ArrayNode out = model.putArray("windows");
      windows.forEach(w -> out.add(window(w)));
    }
    return o;
  }

  private static ObjectNode slice(InstanceView view, boolean queryable) {
    ObjectNode o = JSON.createObjectNode();
    o.put("instance", view.self());
    o.put("queryable", queryable);
    return o;
  }

  private static ObjectNode attribution(String instance, RecentAttribution a, boolean values) {
    ObjectNode o = JSON.createObjectNode();
    o.put("instance", instance);
    o.put("id", a.id());
    o.put("model", a.model());
    o.put("modelVersion", a.modelVersion());
    time(o, "eventTime", a.eventTimeMillis());
    time(o, "explainedAt", a.explainedAtMillis());
    o.put("explainedAtMillis", a.explainedAtMillis());
    number(o, "prediction", a.prediction());
    number(o, "baselinePrediction", a.baselinePrediction());
    number(o, "completenessError", a.completenessError());
    o.put("toleranceMet", a.toleranceMet());
    o.put("steps", a.steps());
    o.put("method", a.method());
    if (a.score() == null) {
      o.putNull("score");
    } else {
      number(o, "score", a.score());
    }
    o.put("alert", a.alert());
    ArrayNode features = o.putArray("features");
    for (int i = 0; i < a.featureNames().size(); i++) {
      ObjectNode f = features.addObject();
      f.put("name", a.featureNames().get(i));
      number(f, "attribution", a.attributions()[i]);
      if (values && a.features() != null && i < a.features().length) {
        number(f, "value", a.features()[i]);
      }
    }
    return o;
  }

  private static ObjectNode alert(String instance, RecentAlert a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("instance", instance);
    o.put("id", a.id());
    o.put("model", a.model());
    o.put("modelVersion", a.modelVersion());
    time(o, "explainedAt", a.explainedAtMillis());
    o.put("explainedAtMillis", a.explainedAtMillis());
    number(o, "alertScore", a.alertScore());
    if (a.alertThreshold() == null) {
      o.putNull("alertThreshold");
    } else {
      number(o, "alertThreshold", a.alertThreshold());
    }
    number(o, "completenessError", a.completenessError());
    ArrayNode reasons = o.putArray("reasons");
    for (RecentAlert.Reason r : a.reasons()) {
      ObjectNode n = reasons.addObject();
      n.put("rank", r.rank());
      n.put("code", r.code());
      n.put("text", r.text());
      number(n, "contribution", r.contribution());
      if (r.share() == null) {
        n.putNull("share");
      } else {
        number(n, "share", r.share());
      }
    }
    o.put("noReasonExplanation", a.noReasonExplanation());
    return o;
  }

  private static ObjectNode window(DriftWindow w) {
    ObjectNode o = JSON.createObjectNode();
    o.put("modelVersion", w.modelVersion());
    time(o, "windowStart", w.windowStartMillis());
    time(o, "windowEnd", w.windowEndMillis());
    o.put("windowStartMillis", w.windowStartMillis());
    o.put("windowEndMillis", w.windowEndMillis());
    o.put("events", w.events());
    o.put("judged", w.judged());
    o.put("reference", w.reference());
    o.set("featureNames", JSON.valueToTree(w.featureNames()));
    numbers(o, "share", w.share());
    numbers(o, "referenceShare", w.referenceShare());
    numbers(o, "shareChange", w.shareChange());
    number(o, "jensenShannon", w.jensenShannon());
    o.put("topK", w.topK());
    number(o, "ndcgTopK", w.ndcgTopK());
    o.set("movedFeatures", JSON.valueToTree(w.movedFeatures()));
    o.put("alert", w.alert());
    o.set("alertReasons", JSON.valueToTree(w.alertReasons()));
    return o;
  }

  static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  private static void numbers(ObjectNode o, String field, double[] values) {
    ArrayNode a = o.putArray(field);
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
  }

  private static void time(ObjectNode o, String field, long millis) {
    if (millis < 0) {
      o.putNull(field);
    } else {
      o.put(field, Instant.ofEpochMilli(millis).toString());
    }
  }
}
