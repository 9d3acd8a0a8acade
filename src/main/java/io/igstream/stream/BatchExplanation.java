package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.PredictionEvent;
import io.igstream.avro.ReasonCodeEvent;
import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Explains one flushed batch: decodes and re-checks each buffered record, groups the events by
 * model (one explain call per model, so a mixed batch still runs events &times; steps together),
 * and returns one outcome per record in buffer (= input) order. When a model call fails, each of
 * its events is retried alone, so only the event that fails by itself is dead-lettered.
 *
 * <p>The whole batch holds one {@link CatalogLease}: it is validated and explained with the models
 * served when it started, and a rotation meanwhile closes none of them under it.
 */
final class BatchExplanation {
  /** What became of one buffered record. */
  sealed interface Outcome {
    BufferedRecord source();
  }

  /**
   * An explained record.
   *
   * @param alert whether its score reached its model's alert threshold
   * @param reasonCodes what goes to the reason-code topic: present for alerts of models with a
   *     reason-code table when the topology publishes reason codes
   * @param features the event's raw input values (for the dashboard, which shows them only when
   *     configured to)
   */
  record Explained(
      BufferedRecord source,
      AttributionEvent attribution,
      ExplainedEvent explained,
      boolean alert,
      Optional<ReasonCodeEvent> reasonCodes,
      List<Double> features)
      implements Outcome {}

  record Rejected(BufferedRecord source, DeadLetterReason reason, String message)
      implements Outcome {}

  /** A valid record left unexplained by sampling under overload; {@code reason} says why. */
  record SkippedForOverload(BufferedRecord source, String reason) implements Outcome {}

  private final PredictionValidator validator;
  private final StreamMetrics metrics;
  private final boolean publishReasonCodes;

  /** Explains without reason codes. */
  BatchExplanation(PredictionValidator validator, StreamMetrics metrics) {
    this(validator, metrics, false);
  }

  BatchExplanation(
      PredictionValidator validator, StreamMetrics metrics, boolean publishReasonCodes) {
    this.validator = validator;
    this.metrics = metrics;
    this.publishReasonCodes = publishReasonCodes;
  }

  List<Outcome> explain(List<BufferedRecord> batch, long nowMillis) {
    return explain(batch, nowMillis, Degradation.NONE);
  }

  /** As {@link #explain(List, long)}, degraded as {@code degradation} says. */
  List<Outcome> explain(List<BufferedRecord> batch, long nowMillis, Degradation degradation) {
    try (CatalogLease lease = validator.models().lease()) {
      return explain(lease.catalog(), batch, nowMillis, degradation);
    }
  }

  private List<Outcome> explain(
      ModelCatalog catalog, List<BufferedRecord> batch, long nowMillis, Degradation degradation) {
    Outcome[] outcomes = new Outcome[batch.size()];
    PredictionEvent[] events = new PredictionEvent[batch.size()];
    Map<ServedModel, List<Integer>> byModel = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      BufferedRecord r = batch.get(i);
      Validation v =
          validator.validate(
              catalog, r.source().topic(), new RecordHeaders(r.headers().toArray()), r.value());
      if (v instanceof Validation.Valid valid
          && degradation instanceof Degradation.Sampled sampled
          && !Degradation.keeps(sampled, valid.event().getId())) {
        outcomes[i] = new SkippedForOverload(r, sampled.reason());
      } else if (v instanceof Validation.Valid valid) {
        events[i] = valid.event();
        byModel.computeIfAbsent(valid.model(), m -> new ArrayList<>()).add(i);
      } else if (v instanceof Validation.Invalid invalid) {
        outcomes[i] = new Rejected(r, invalid.reason(), invalid.message());
      }
    }
    for (Map.Entry<ServedModel, List<Integer>> group : byModel.entrySet()) {
      explainGroup(
          group.getKey(), group.getValue(), batch, events, outcomes, nowMillis, degradation);
    }
    return List.of(outcomes);
  }

  private void explainGroup(
      ServedModel model,
      List<Integer> indices,
      List<BufferedRecord> batch,
      PredictionEvent[] events,
      Outcome[] outcomes,
      long nowMillis,
      Degradation degradation) {
    List<InputEvent> inputs = new ArrayList<>(indices.size());
    for (int i : indices) {
      inputs.add(toInput(events[i]));
    }
    List<ExplainedEvent> results;
    long started = System.nanoTime();
    try {
      results =
          degradation instanceof Degradation.FixedSteps fixed
              ? model.explainWithFixedSteps(inputs, fixed.steps())
              : model.explain(inputs);
      if (results.size() != inputs.size()) {
        throw new IllegalStateException(
            model + " returned " + results.size() + " explanations for " + inputs.size());
      }
    } catch (IllegalArgumentException | IllegalStateException | ModelException e) {
      // Anything else (an Error, a bug) propagates and stops the task: under exactly-once the
      // open transaction aborts and the buffer and offsets roll back, so nothing is lost.
      metrics.recordExplainCall(inputs.size(), millisSince(started));
      if (indices.size() == 1) {
        int i = indices.get(0);
        outcomes[i] =
            new Rejected(batch.get(i), DeadLetterReason.MODEL_FAILURE, model + " failed: " + e);
      } else {
        for (int i : indices) {
          explainGroup(model, List.of(i), batch, events, outcomes, nowMillis, degradation);
        }
      }
      return;
    }
    metrics.recordExplainCall(inputs.size(), millisSince(started));
    for (int k = 0; k < indices.size(); k++) {
      int i = indices.get(k);
      ExplainedEvent x = results.get(k);
      String nonFinite = nonFinite(x);
      outcomes[i] =
          nonFinite == null
              ? new Explained(
                  batch.get(i),
                  AttributionMapper.toAttribution(
                      x, events[i], batch.get(i), nowMillis, reasonOf(degradation)),
                  x,
                  ReasonCodeMapper.isAlert(model, x),
                  publishReasonCodes
                      ? ReasonCodeMapper.toReasonCodes(model, x, events[i], batch.get(i), nowMillis)
                      : Optional.empty(),
                  events[i].getFeatures())
              : new Rejected(
                  batch.get(i),
                  DeadLetterReason.MODEL_FAILURE,
                  model + " produced a non-finite explanation: " + nonFinite);
    }
  }

  /** What {@code AttributionEvent.degraded} says: null when not degraded. */
  private static String reasonOf(Degradation degradation) {
    if (degradation instanceof Degradation.FixedSteps fixed) {
      return fixed.reason();
    }
    if (degradation instanceof Degradation.Sampled sampled) {
      return sampled.reason();
    }
    return null;
  }

  private static InputEvent toInput(PredictionEvent e) {
    List<Double> baseline = e.getBaseline();
    return new InputEvent(
        e.getId(),
        toArray(e.getFeatures()),
        Optional.ofNullable(e.getScore()),
        baseline == null ? Optional.empty() : Optional.of(toArray(baseline)));
  }

  /** An explanation with NaN or infinity would fail downstream consumers: a model failure. */
  private static String nonFinite(ExplainedEvent x) {
    if (!Double.isFinite(x.prediction())) {
      return "prediction " + x.prediction();
    }
    if (!Double.isFinite(x.baselinePrediction())) {
      return "baseline prediction " + x.baselinePrediction();
    }
    if (!Double.isFinite(x.completenessError())) {
      return "completeness error " + x.completenessError();
    }
    for (int j = 0; j < x.attributions().length; j++) {
      if (!Double.isFinite(x.attributions()[j])) {
        return "attribution " + j + " is " + x.attributions()[j];
      }
    }
    return null;
  }

  private static double[] toArray(List<Double> values) {
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return a;
  }

  private static double millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e6;
  }
}
