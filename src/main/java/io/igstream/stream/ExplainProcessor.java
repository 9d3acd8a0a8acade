package io.igstream.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Buffers selected records in the changelogged store {@value ExplainerTopology#BUFFER_STORE} and
 * explains them in batches: when {@code batchSize} are buffered (in {@link #process}), or from a
 * wall-clock punctuator when the oldest has waited nearly {@code flushInterval}.
 *
 * <h2>Why a crash at any moment neither loses nor duplicates an attribution (exactly_once_v2)</h2>
 *
 * <p>Everything this processor does happens on the task's stream thread and lands in the task's ONE
 * open transaction: the consumed input offsets, the buffer puts and deletes (written to the store's
 * changelog topic), and the forwarded attribution and dead-letter records — including those
 * forwarded from the wall-clock punctuator, which runs on the same thread between records. A commit
 * (every {@code commit.interval.ms}) makes all of them visible atomically; a crash aborts them all.
 *
 * <ul>
 *   <li>Crash before a commit: the transaction aborts. The input is re-read from the last committed
 *       offset, the store is restored from the changelog to its state at that commit, and
 *       read_committed consumers never saw the aborted output. The re-read records are buffered and
 *       explained again, exactly as if the first attempt never happened (only the in-memory {@link
 *       StreamMetrics} counted the first attempt too).
 *   <li>Crash after a commit: the records buffered but not yet flushed are in the committed
 *       changelog and come back when the store is restored; their offsets are committed, so they
 *       are not read a second time. They are flushed from the restored store.
 *   <li>A flush forwards a record's attribution and deletes its buffer entry in the same
 *       transaction, so a record is either still buffered or already output, never both or none.
 * </ul>
 *
 * <p>A Java collection would NOT do: records held only in memory are consumed (offsets committed)
 * but not yet output at a commit, and a crash then loses them. The in-memory {@link #buffered}
 * counter and {@link #oldestArrival} are only caches of the store's size and oldest arrival time,
 * recomputed from the store in {@link #init}: the timer reads them instead of the store, because a
 * RocksDB scan from the first key of a FIFO buffer steps over every tombstone the flushes left
 * there (measured: 4 % of the stream threads' time in {@code seekToFirst} at 1.8k events/s).
 *
 * <p>Store keys are (partition, offset), zero-padded: iteration order is input order, so output
 * order follows input order, and a re-read record overwrites its own entry.
 *
 * <h2>Overload</h2>
 *
 * <p>Every arriving record's lag (its age, see {@link OverloadGuard}) feeds this task's guard; a
 * batch flushed while the guard says overloaded is explained as {@link OverloadPolicy} says, and
 * each of its attributions carries the reason in {@code degraded}. Records that sampling leaves out
 * are deleted from the buffer in the same transaction and counted as skipped.
 */
final class ExplainProcessor implements Processor<byte[], ValidRecord, byte[], Object> {
  private final int batchSize;
  private final long flushIntervalMillis;
  private final long punctuationMillis;
  private final BatchExplanation batchExplanation;
  private final StreamMetrics metrics;
  private final OverloadPolicy overloadPolicy;
  private final OverloadGuard overload;
  private ProcessorContext<byte[], Object> context;
  private KeyValueStore<String, BufferedRecord> buffer;
  private long buffered;

  /** Wall-clock arrival of the oldest buffered record; {@link Long#MAX_VALUE} when empty. */
  private long oldestArrival = Long.MAX_VALUE;

  ExplainProcessor(
      ExplainerStreamConfig config, BatchExplanation batchExplanation, StreamMetrics metrics) {
    this.batchSize = config.batchSize();
    this.flushIntervalMillis = config.flushInterval().toMillis();
    this.punctuationMillis = config.punctuationInterval().toMillis();
    this.batchExplanation = batchExplanation;
    this.metrics = metrics;
    this.overloadPolicy = config.overload();
    this.overload = new OverloadGuard(config.overload());
  }

  @Override
  public void init(ProcessorContext<byte[], Object> context) {
    this.context = context;
    this.buffer = context.getStateStore(ExplainerTopology.BUFFER_STORE);
    // Processors are initialised after the store has been restored: these are the records a
    // previous owner of this task buffered and committed but did not flush.
    try (KeyValueIterator<String, BufferedRecord> all = buffer.all()) {
      while (all.hasNext()) {
        oldestArrival = Math.min(oldestArrival, all.next().value.arrivalMillis());
        buffered++;
      }
    }
    metrics.addBuffered(buffered);
    context.schedule(
        Duration.ofMillis(punctuationMillis), PunctuationType.WALL_CLOCK_TIME, this::onTimer);
  }

  @Override
  public void process(Record<byte[], ValidRecord> record) {
    SourcePosition source = ExplainerTopology.position(context);
    long now = context.currentSystemTimeMs();
    observeLag(now - record.timestamp(), now);
    BufferedRecord entry =
        new BufferedRecord(
            source,
            record.timestamp(),
            now,
            record.key(),
            record.value().originalValue(),
            new RecordHeaders(record.headers().toArray()));
    String key = source.bufferKey();
    if (buffer.get(key) == null) {
      buffered++;
      metrics.addBuffered(1);
      oldestArrival = Math.min(oldestArrival, now);
    }
    buffer.put(key, entry);
    if (buffered >= batchSize) {
      flush(FlushTrigger.SIZE);
    }
  }

  private void observeLag(long lagMillis, long nowMillis) {
    metrics.recordLag(lagMillis);
    switch (overload.observe(lagMillis, nowMillis)) {
      case ENTERED -> metrics.recordOverloadEntered();
      case RECOVERED -> metrics.recordOverloadRecovered();
      case NONE -> {}
    }
  }

  /**
   * Flushes when the oldest record would be older than the flush interval by the next tick: so a
   * partial batch waits at most {@code flushInterval} (while the stream thread is not busy).
   */
  private void onTimer(long nowMillis) {
    if (buffered > 0 && nowMillis - oldestArrival + punctuationMillis >= flushIntervalMillis) {
      flush(FlushTrigger.TIMER);
    }
  }

  private void flush(FlushTrigger trigger) {
    List<String> keys = new ArrayList<>();
    List<BufferedRecord> batch = new ArrayList<>();
    try (KeyValueIterator<String, BufferedRecord> all = buffer.all()) {
      while (all.hasNext()) {
        KeyValue<String, BufferedRecord> kv = all.next();
        keys.add(kv.key);
        batch.add(kv.value);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    metrics.recordBatch(trigger);
    long now = context.currentSystemTimeMs();
    List<BatchExplanation.Outcome> outcomes =
        batchExplanation.explain(batch, now, Degradation.of(overload, overloadPolicy));
    for (int i = 0; i < outcomes.size(); i++) {
      forward(outcomes.get(i), now);
      // Same transaction as the forward above: see the class comment. A null put deletes like
      // delete() without reading and decoding the old value first.
      buffer.put(keys.get(i), null);
    }
    buffered -= batch.size();
    metrics.addBuffered(-batch.size());
    // The flush took every buffered record.
    oldestArrival = Long.MAX_VALUE;
  }

  private void forward(BatchExplanation.Outcome outcome, long now) {
    BufferedRecord source = outcome.source();
    if (outcome instanceof BatchExplanation.Explained explained) {
      metrics.recordOut(
          explained.explained().steps(),
          explained.explained().completenessError(),
          now - source.arrivalMillis());
      metrics.recordExplainedAt(explained.explained().model(), now);
      if (explained.attribution().getDegraded() != null) {
        metrics.recordDegraded();
      }
      context.forward(
          new Record<byte[], Object>(
              source.key(),
              explained.attribution(),
              source.timestamp(),
              new RecordHeaders(source.headers().toArray())),
          ExplainerTopology.ATTRIBUTIONS_SINK);
      if (explained.alert()) {
        metrics.recordAlert();
      }
      // Same forward, same transaction as the attribution: both are output or neither is.
      explained
          .reasonCodes()
          .ifPresent(
              reasons -> {
                metrics.recordReasonCoded(reasons.getReasons().isEmpty());
                context.forward(
                    new Record<byte[], Object>(
                        source.key(),
                        reasons,
                        source.timestamp(),
                        new RecordHeaders(source.headers().toArray())),
                    ExplainerTopology.REASON_CODES_SINK);
              });
      // The dashboard's recent view (in memory, outside the transaction's record of truth).
      context.forward(
          new Record<byte[], Object>(source.key(), explained, source.timestamp()),
          ExplainerTopology.RECENT);
    } else if (outcome instanceof BatchExplanation.SkippedForOverload) {
      metrics.recordSkippedForOverload();
    } else if (outcome instanceof BatchExplanation.Rejected rejected) {
      metrics.recordDeadLetter(rejected.reason());
      context.forward(
          new Record<byte[], Object>(
              source.key(),
              source.value(),
              source.timestamp(),
              DeadLetters.headers(
                  source.headers(), rejected.reason(), rejected.message(), source.source())),
          ExplainerTopology.DEAD_LETTER_SINK);
    }
  }

  @Override
  public void close() {
    // The entries stay in the store (and its changelog) for the next owner of this task.
    metrics.addBuffered(-buffered);
    buffered = 0;
    oldestArrival = Long.MAX_VALUE;
    if (overload.degraded()) {
      // The next owner of this task starts undegraded and judges the lag afresh.
      metrics.recordOverloadRecovered();
    }
  }
}
