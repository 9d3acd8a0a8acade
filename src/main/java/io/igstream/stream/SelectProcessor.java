package io.igstream.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Passes the events the {@link Selection} wants to {@code explain}; counts and drops the rest. */
final class SelectProcessor implements Processor<byte[], ValidRecord, byte[], ValidRecord> {
  private final EventSelector selector;
  private final StreamMetrics metrics;
  private ProcessorContext<byte[], ValidRecord> context;

  SelectProcessor(EventSelector selector, StreamMetrics metrics) {
    this.selector = selector;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<byte[], ValidRecord> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], ValidRecord> record) {
    ValidRecord valid = record.value();
    if (selector.selects(valid.event(), valid.model())) {
      metrics.recordSelected();
      context.forward(record);
    } else {
      metrics.recordSkipped();
    }
  }
}
