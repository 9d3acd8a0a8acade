package io.igstream.stream;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A real served model that records the size of every explain call it receives. */
final class CountingModel implements ServedModel {
  private final ServedModel real;
  final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());

  CountingModel(ServedModel real) {
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
  public List<ExplainedEvent> explain(List<InputEvent> events) {
    calls.add(events.size());
    return real.explain(events);
  }
}
