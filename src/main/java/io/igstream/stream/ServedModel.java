package io.igstream.stream;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelExplainer;
import java.util.List;
import java.util.Optional;

/**
 * A model as the stream serves it: what validation and selection need to know, and the batch
 * explain call. {@link #of(ModelExplainer)} adapts the real TF explainer; the seam also lets tests
 * inject a failure for one event around a real model.
 */
public interface ServedModel {
  String name();

  /** The version the model reports; empty when its spec names none. */
  Optional<String> version();

  int featureCount();

  /** The spec's alert threshold, used by threshold selection when the config names none. */
  Optional<Double> alertThreshold();

  /**
   * Explains events in as few model runs as possible; results in input order. Thread-safe. Throws
   * {@link IllegalArgumentException}, {@link io.igstream.model.ModelException} or {@link
   * IllegalStateException} when the input or the model is bad: the stream then retries each event
   * alone and dead-letters those that still fail.
   */
  List<ExplainedEvent> explain(List<InputEvent> events);

  /** The stream's view of a loaded TF model; the caller keeps ownership (and closes it). */
  static ServedModel of(ModelExplainer explainer) {
    return new ServedModel() {
      @Override
      public String name() {
        return explainer.spec().name();
      }

      @Override
      public Optional<String> version() {
        return explainer.spec().version();
      }

      @Override
      public int featureCount() {
        return explainer.featureCount();
      }

      @Override
      public Optional<Double> alertThreshold() {
        return explainer.spec().alertThreshold();
      }

      @Override
      public List<ExplainedEvent> explain(List<InputEvent> events) {
        return explainer.explain(events);
      }

      @Override
      public String toString() {
        return name() + version().map(v -> "@" + v).orElse("");
      }
    };
  }
}
