package io.igstream.stream;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A real served model that records the size of every explain call it receives. */
final class CountingModel extends ForwardingModel {
  final List<Integer> calls = Collections.synchronizedList(new ArrayList<>());

  CountingModel(ServedModel real) {
    super(real);
  }

  @Override
  public List<ExplainedEvent> explain(List<InputEvent> events) {
    calls.add(events.size());
    return super.explain(events);
  }
}
