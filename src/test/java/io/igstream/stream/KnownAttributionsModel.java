package io.igstream.stream;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.reasons.ReasonCodeTable;
import io.igstream.reasons.ReasonGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A served model whose attributions are known by construction: an event's attributions ARE its four
 * features (a, b, c, d), F(x') = 0.1 and F(x) = 0.1 + their sum (exactly complete). Alert threshold
 * 0.5; reason codes R1 = {a, b}, R2 = {c}, R3 = {d}; k = 2.
 */
final class KnownAttributionsModel implements ServedModel {
  static final String NAME = "known";
  static final double BASELINE_PREDICTION = 0.1;
  static final List<String> FEATURES = List.of("a", "b", "c", "d");
  static final ReasonCodeTable TABLE =
      ReasonCodeTable.bind(
          List.of(
              new ReasonGroup("R1", "Amount", List.of("a", "b")),
              new ReasonGroup("R2", "Velocity", List.of("c")),
              new ReasonGroup("R3", "Device", List.of("d"))),
          2,
          FEATURES);

  private final Optional<ReasonCodeTable> table;

  KnownAttributionsModel(boolean withTable) {
    this.table = withTable ? Optional.of(TABLE) : Optional.empty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> version() {
    return Optional.of("3");
  }

  @Override
  public int featureCount() {
    return FEATURES.size();
  }

  @Override
  public Optional<Double> alertThreshold() {
    return Optional.of(0.5);
  }

  @Override
  public Optional<ReasonCodeTable> reasonCodes() {
    return table;
  }

  @Override
  public List<ExplainedEvent> explain(List<InputEvent> events) {
    return explain(events, "known", 7);
  }

  /** The same attributions, reported as a fixed rule of {@code steps} steps. */
  @Override
  public List<ExplainedEvent> explainWithFixedSteps(List<InputEvent> events, int steps) {
    return explain(events, "gausslegendre", steps);
  }

  private List<ExplainedEvent> explain(List<InputEvent> events, String method, int steps) {
    List<ExplainedEvent> out = new ArrayList<>();
    for (InputEvent e : events) {
      double sum = 0;
      for (double f : e.features()) {
        sum += f;
      }
      out.add(
          new ExplainedEvent(
              e.id(),
              NAME,
              version(),
              FEATURES,
              e.features().clone(),
              BASELINE_PREDICTION + sum,
              BASELINE_PREDICTION,
              0.0,
              0.0,
              true,
              steps,
              method,
              "zero",
              "output[0]",
              e.score()));
    }
    return out;
  }
}
