package io.igstream.stream;

import io.igstream.avro.PredictionEvent;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a record value and checks that its model can explain it: the model is served, the feature
 * and baseline lengths match, and every number is finite. Used when a record arrives (against the
 * current catalog) and again when its batch is flushed (against the catalog the batch leased: the
 * buffer may have been restored under another catalog, or the models rotated meanwhile).
 */
final class PredictionValidator {
  private final Deserializer<PredictionEvent> deserializer;
  private final ModelSource models;

  PredictionValidator(Deserializer<PredictionEvent> deserializer, ModelSource models) {
    this.deserializer = deserializer;
    this.models = models;
  }

  /** The models, for a batch to lease. */
  ModelSource models() {
    return models;
  }

  /** Validates against the catalog served right now. */
  Validation validate(String topic, Headers headers, byte[] value) {
    return validate(models.current(), topic, headers, value);
  }

  Validation validate(ModelCatalog catalog, String topic, Headers headers, byte[] value) {
    if (value == null) {
      return new Validation.Invalid(DeadLetterReason.DESERIALIZATION, "the record has no value");
    }
    PredictionEvent event;
    try {
      event = deserializer.deserialize(topic, headers, value);
    } catch (RuntimeException e) {
      // Serdes signal bad bytes with SerializationException, Avro with AvroRuntimeException or
      // plain IndexOutOfBounds/EOF-like runtime errors: all mean "not a PredictionEvent".
      return new Validation.Invalid(
          DeadLetterReason.DESERIALIZATION,
          "not a PredictionEvent: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (event == null) {
      return new Validation.Invalid(
          DeadLetterReason.DESERIALIZATION, "the deserializer returned no event");
    }
    return check(catalog, event);
  }

  Validation check(PredictionEvent event) {
    return check(models.current(), event);
  }

  private Validation check(ModelCatalog catalog, PredictionEvent event) {
    String name = event.getModel();
    String version = event.getModelVersion();
    ServedModel model = catalog.find(name, version).orElse(null);
    if (model == null) {
      return new Validation.Invalid(
          DeadLetterReason.UNKNOWN_MODEL,
          "event '"
              + event.getId()
              + "' asks for model '"
              + name
              + "'"
              + (version == null ? " (default version)" : " version '" + version + "'")
              + "; served: "
              + catalog.describe());
    }
    int expected = model.featureCount();
    List<Double> features = event.getFeatures();
    List<Double> baseline = event.getBaseline();
    if (features.size() != expected) {
      return new Validation.Invalid(
          DeadLetterReason.FEATURE_COUNT,
          "event '"
              + event.getId()
              + "' has "
              + features.size()
              + " features; "
              + model
              + " takes "
              + expected);
    }
    if (baseline != null && baseline.size() != expected) {
      return new Validation.Invalid(
          DeadLetterReason.FEATURE_COUNT,
          "event '"
              + event.getId()
              + "' has a baseline of "
              + baseline.size()
              + " values; "
              + model
              + " takes "
              + expected);
    }
    String nonFinite = firstNonFinite(features, "feature");
    if (nonFinite == null && baseline != null) {
      nonFinite = firstNonFinite(baseline, "baseline value");
    }
    if (nonFinite == null && event.getScore() != null && !Double.isFinite(event.getScore())) {
      nonFinite = "score is " + event.getScore();
    }
    if (nonFinite != null) {
      return new Validation.Invalid(
          DeadLetterReason.NON_FINITE, "event '" + event.getId() + "': " + nonFinite);
    }
    return new Validation.Valid(event, model);
  }

  private static String firstNonFinite(List<Double> values, String what) {
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      if (v == null || !Double.isFinite(v)) {
        return what + " " + i + " is " + v;
      }
    }
    return null;
  }
}
