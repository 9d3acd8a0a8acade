package io.igstream.stream;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.reasons.ReasonCodeTable;
import java.util.List;
import java.util.Optional;

/** A served model that forwards to a real one; tests override the one behaviour they change. */
abstract class ForwardingModel implements ServedModel {
  private final ServedModel real;

  ForwardingModel(ServedModel real) {
    this.real = real;
  }

  @Override
  public String name() {
    return real.name();
  }

  @Override
  public Optional<String> version() {
    return real.version();
  }

  @Override
  public int featureCount() {
    return real.featureCount();
  }

  @Override
  public Optional<Double> alertThreshold() {
    return real.alertThreshold();
  }

  @Override
  public Optional<ReasonCodeTable> reasonCodes() {
    return real.reasonCodes();
  }

  @Override
  public List<ExplainedEvent> explain(List<InputEvent> events) {
    return real.explain(events);
  }

  @Override
  public List<ExplainedEvent> explainWithFixedSteps(List<InputEvent> events, int steps) {
    return real.explainWithFixedSteps(events, steps);
  }
}
