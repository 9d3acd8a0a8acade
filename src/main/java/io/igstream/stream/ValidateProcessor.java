package io.igstream.stream;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads each raw record: a valid event goes on to {@code select}; anything else goes to the
 * dead-letter sink with its original key, value and headers. Never throws for bad input, so one bad
 * record cannot stop the stream.
 */
final class ValidateProcessor implements Processor<byte[], byte[], byte[], Object> {
  private final PredictionValidator validator;
  private final StreamMetrics metrics;
  private ProcessorContext<byte[], Object> context;

  ValidateProcessor(PredictionValidator validator, StreamMetrics metrics) {
    this.validator = validator;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<byte[], Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    metrics.recordIn();
    SourcePosition source = ExplainerTopology.position(context);
    // A copy: the deserializer may read the headers, it must not change what we pass on.
    Validation v =
        validator.validate(
            source.topic(), new RecordHeaders(record.headers().toArray()), record.value());
    if (v instanceof Validation.Valid valid) {
      context.forward(
          record.withValue(new ValidRecord(valid.event(), valid.model(), record.value())),
          ExplainerTopology.SELECT);
    } else if (v instanceof Validation.Invalid invalid) {
      metrics.recordDeadLetter(invalid.reason());
      context.forward(
          new Record<byte[], Object>(
              record.key(),
              record.value(),
              record.timestamp(),
              DeadLetters.headers(record.headers(), invalid.reason(), invalid.message(), source)),
          ExplainerTopology.DEAD_LETTER_SINK);
    }
  }
}
