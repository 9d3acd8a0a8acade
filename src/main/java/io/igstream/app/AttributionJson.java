package io.igstream.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.igstream.model.ExplainedEvent;

/**
 * Writes an explained event as one JSON object whose field names are the {@code AttributionEvent}
 * schema's, so offline and streaming output read the same.
 */
final class AttributionJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AttributionJson() {}

  static String toLine(ExplainedEvent e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", e.id());
    o.put("model", e.model());
    e.modelVersion().ifPresent(v -> o.put("modelVersion", v));
    ArrayNode names = o.putArray("featureNames");
    e.featureNames().forEach(names::add);
    ArrayNode attributions = o.putArray("attributions");
    for (double a : e.attributions()) {
      attributions.add(a);
    }
    o.put("prediction", e.prediction());
    o.put("baselinePrediction", e.baselinePrediction());
    o.put("completenessError", e.completenessError());
    o.put("relativeCompletenessError", e.relativeCompletenessError());
    o.put("toleranceMet", e.toleranceMet());
    o.put("steps", e.steps());
    o.put("method", e.method());
    o.put("baseline", e.baseline());
    o.put("target", e.target());
    e.score().ifPresent(s -> o.put("score", s));
    e.scoreDifference().ifPresent(d -> o.put("scoreDifference", d));
    return o.toString();
  }
}
