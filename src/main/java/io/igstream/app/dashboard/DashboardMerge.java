package io.igstream.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merges every instance's local answer into the whole picture. Counters and rates add up; the
 * completeness-error percentiles are computed over the union of all instances' recent samples
 * (percentiles of percentiles would be wrong); recent events are the newest across instances. An
 * instance that did not answer is listed with {@code "reachable": false} and its error.
 */
final class DashboardMerge {
  /** Recent events and alerts shown at once. */
  static final int LATEST = 20;

  private DashboardMerge() {}

  static ObjectNode summary(List<PeerAnswer> answers) {
    ObjectNode out = DashboardJson.JSON.createObjectNode();
    ArrayNode instances = out.putArray("instances");
    long in = 0;
    long explained = 0;
    long dead = 0;
    long alerts = 0;
    double rate = 0;
    int reachable = 0;
    List<Double> all = new ArrayList<>();
    for (PeerAnswer a : answers) {
      ObjectNode row = instances.addObject();
      row.put("instance", a.instance());
      if (a.body().isEmpty()) {
        row.put("reachable", false);
        row.put("error", a.error());
        continue;
      }
      ObjectNode b = a.body().get();
      reachable++;
      row.put("reachable", true);
      row.put("state", b.path("state").asText());
      row.put("queryable", b.path("queryable").asBoolean());
      for (String counter : List.of("eventsIn", "eventsOut", "deadLettered", "alerts")) {
        row.put(counter, b.path(counter).asLong());
      }
      row.put("eventsPerSecond", b.path("eventsPerSecond").asDouble());
      double[] samples = doubles(b.path("completenessSamples"));
      row.set("completeness", completeness(samples));
      in += b.path("eventsIn").asLong();
      explained += b.path("eventsOut").asLong();
      dead += b.path("deadLettered").asLong();
      alerts += b.path("alerts").asLong();
      rate += b.path("eventsPerSecond").asDouble();
      Arrays.stream(samples).forEach(all::add);
    }
    ObjectNode total = out.putObject("total");
    total.put("instances", answers.size());
    total.put("reachable", reachable);
    total.put("eventsIn", in);
    total.put("eventsOut", explained);
    total.put("deadLettered", dead);
    total.put("alerts", alerts);
    total.put("eventsPerSecond", rate);
    total.set("completeness", completeness(all.stream().mapToDouble(d -> d).toArray()));
    return out;
  }

  /** The newest {@value #LATEST} items across instances (by explainedAtMillis, then id). */
  static ObjectNode newest(List<PeerAnswer> answers) {
    ObjectNode out = DashboardJson.JSON.createObjectNode();
    ArrayNode instances = out.putArray("instances");
    List<JsonNode> items = new ArrayList<>();
    boolean featureValuesShown = false;
    for (PeerAnswer a : answers) {
      ObjectNode row = instances.addObject();
      row.put("instance", a.instance());
      row.put("reachable", a.body().isPresent());
      if (a.body().isEmpty()) {
        row.put("error", a.error());
        continue;
      }
      row.put("queryable", a.body().get().path("queryable").asBoolean());
      featureValuesShown |= a.body().get().path("featureValuesShown").asBoolean();
      a.body().get().path("items").forEach(items::add);
    }
    items.sort(
        Comparator.comparingLong((JsonNode n) -> n.path("explainedAtMillis").asLong())
            .reversed()
            .thenComparing(n -> n.path("id").asText()));
    out.put("featureValuesShown", featureValuesShown);
    ArrayNode kept = out.putArray("items");
    items.stream().limit(LATEST).forEach(kept::add);
    return out;
  }

  /**
   * |completeness error| percentiles by nearest rank: the p-th percentile of n sorted samples is
   * the ceil(p&middot;n)-th smallest. Null fields when there are no samples.
   */
  static ObjectNode completeness(double[] samples) {
    ObjectNode o = DashboardJson.JSON.createObjectNode();
    double[] sorted = samples.clone();
    Arrays.sort(sorted);
    o.put("samples", sorted.length);
    if (sorted.length == 0) {
      o.putNull("p50");
      o.putNull("p95");
      o.putNull("max");
      return o;
    }
    o.put("p50", nearestRank(sorted, 0.50));
    o.put("p95", nearestRank(sorted, 0.95));
    o.put("max", sorted[sorted.length - 1]);
    return o;
  }

  static double nearestRank(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }
}
