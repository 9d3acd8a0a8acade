package io.igstream.stream;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.reasons.ReasonCodeTable;
import io.igstream.reasons.ReasonGroup;
import io.igstream.spec.ReasonCodesSpec;
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
   * The spec's reason-code table bound to the model's features; empty when the spec has none (then
   * the model's alerts get no {@code ReasonCodeEvent}).
   */
  default Optional<ReasonCodeTable> reasonCodes() {
    return Optional.empty();
  }

  /**
   * Explains events in as few model runs as possible; results in input order. Thread-safe. Throws
   * {@link IllegalArgumentException}, {@link io.igstream.model.ModelException} or {@link
   * IllegalStateException} when the input or the model is bad: the stream then retries each event
   * alone and dead-letters those that still fail.
   */
  List<ExplainedEvent> explain(List<InputEvent> events);

  /**
   * As {@link #explain}, with a fixed Gauss&ndash;Legendre rule of {@code steps} nodes instead of
   * the model's method: the cheap explanation used under overload ({@link
   * OverloadPolicy.Mode#STEPS}). Same contract and exceptions as {@link #explain}.
   */
  List<ExplainedEvent> explainWithFixedSteps(List<InputEvent> events, int steps);

  /** The stream's view of a loaded TF model; the caller keeps ownership (and closes it). */
  static ServedModel of(ModelExplainer explainer) {
    Optional<ReasonCodeTable> table = bindReasonCodes(explainer);
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
      public Optional<ReasonCodeTable> reasonCodes() {
        return table;
      }

      @Override
      public List<ExplainedEvent> explain(List<InputEvent> events) {
        return explainer.explain(events);
      }

      @Override
      public List<ExplainedEvent> explainWithFixedSteps(List<InputEvent> events, int steps) {
        return explainer.explainWithFixedSteps(events, steps);
      }

      @Override
      public String toString() {
        return name() + version().map(v -> "@" + v).orElse("");
      }
    };
  }

  /**
   * Binds the spec's table to the model's resolved feature names, at load: a table naming a feature
   * the model does not have fails here, not on the first alert.
   *
   * @throws IllegalArgumentException when the table does not fit the model
   */
  private static Optional<ReasonCodeTable> bindReasonCodes(ModelExplainer explainer) {
    ReasonCodesSpec spec = explainer.spec().reasonCodes();
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    List<ReasonGroup> groups =
        spec.groups().stream().map(g -> new ReasonGroup(g.code(), g.text(), g.features())).toList();
    try {
      return Optional.of(
          ReasonCodeTable.bind(groups, spec.reasonCount(), explainer.featureNames()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the reasonCodes of model "
              + explainer.spec().name()
              + " do not fit it: "
              + e.getMessage(),
          e);
    }
  }
}
