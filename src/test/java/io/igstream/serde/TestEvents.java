package io.igstream.serde;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events with every kind of field filled, to round-trip through the serde. */
final class TestEvents {
  private TestEvents() {}

  static PredictionEvent prediction(String id) {
    return PredictionEvent.newBuilder()
        .setId(id)
        .setModel("fraud-demo")
        .setModelVersion("3")
        .setEventTime(Instant.ofEpochMilli(1_764_000_000_123L))
        .setFeatures(List.of(0.5, -1.25, 3.0))
        .setScore(0.87)
        .setBaseline(List.of(0.0, 0.0, 0.0))
        .setAttributes(Map.of("account", "a-17", "channel", "web"))
        .build();
  }

  static AttributionEvent attribution(String id) {
    return AttributionEvent.newBuilder()
        .setId(id)
        .setKey("k-" + id)
        .setModel("fraud-demo")
        .setModelVersion(null)
        .setFeatureNames(List.of("amount", "hour", "velocity"))
        .setAttributions(List.of(0.12, -0.03, 0.4))
        .setPrediction(0.87)
        .setBaselinePrediction(0.38)
        .setCompletenessError(1.0e-4)
        .setRelativeCompletenessError(2.0e-4)
        .setToleranceMet(true)
        .setSteps(17)
        .setMethod("adaptive_kronrod_trapezoid")
        .setBaseline("zero")
        .setTarget("output[0]")
        .setScore(0.87)
        .setScoreDifference(0.0)
        .setEventTime(Instant.ofEpochMilli(1_764_000_000_123L))
        .setExplainedAt(Instant.ofEpochMilli(1_764_000_000_456L))
        .setExplainMillis(1.5)
        .setAttributes(Map.of("account", "a-17"))
        .build();
  }

  static Map<String, Object> config(String url) {
    return Map.of(SchemaRegistryClientConfig.URL, url);
  }
}
