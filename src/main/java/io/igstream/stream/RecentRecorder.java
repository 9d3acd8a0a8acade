package io.igstream.stream;

import io.igstream.avro.AttributionEvent;
import io.igstream.avro.ReasonCode;
import io.igstream.avro.ReasonCodeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the task's latest explained events and alerts for the dashboard, in two bounded rings
 * ({@link DashboardStores}). It receives each explained outcome from the explain processor, after
 * the attribution was forwarded to its sink. The stores are not changelogged: an outcome whose
 * transaction later aborts may show until it is pushed out, and a task that moves starts its ring
 * empty; the attributions topic stays the exactly-once record.
 */
final class RecentRecorder implements Processor<byte[], BatchExplanation.Explained, Void, Void> {
  private KeyValueStore<Long, RecentAttribution> attributions;
  private KeyValueStore<Long, RecentAlert> alerts;
  private long nextAttribution;
  private long nextAlert;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    attributions = context.getStateStore(DashboardStores.RECENT_ATTRIBUTIONS);
    alerts = context.getStateStore(DashboardStores.RECENT_ALERTS);
    nextAttribution = nextKey(attributions);
    nextAlert = nextKey(alerts);
  }

  @Override
  public void process(Record<byte[], BatchExplanation.Explained> record) {
    BatchExplanation.Explained x = record.value();
    long seq = nextAttribution++;
    attributions.put(seq, recent(seq, x));
    // A null put removes the entry without decoding it, as delete() would to return it.
    attributions.put(seq - DashboardStores.RECENT_PER_TASK, null);
    if (x.alert()) {
      long alertSeq = nextAlert++;
      alerts.put(alertSeq, alert(alertSeq, x));
      alerts.put(alertSeq - DashboardStores.RECENT_PER_TASK, null);
    }
  }

  private static <V> long nextKey(KeyValueStore<Long, V> store) {
    try (KeyValueIterator<Long, V> newest = store.reverseAll()) {
      return newest.hasNext() ? newest.next().key + 1 : 0;
    }
  }

  static RecentAttribution recent(long seq, BatchExplanation.Explained x) {
    AttributionEvent a = x.attribution();
    return new RecentAttribution(
        seq,
        a.getId(),
        a.getModel(),
        a.getModelVersion(),
        millisOr(a.getEventTime(), -1),
        millisOr(a.getExplainedAt(), -1),
        a.getPrediction(),
        a.getBaselinePrediction(),
        a.getCompletenessError(),
        a.getToleranceMet(),
        a.getSteps(),
        a.getMethod(),
        a.getScore(),
        x.alert(),
        List.copyOf(a.getFeatureNames()),
        toArray(a.getAttributions()),
        toArray(x.features()));
  }

  static RecentAlert alert(long seq, BatchExplanation.Explained x) {
    AttributionEvent a = x.attribution();
    if (x.reasonCodes().isEmpty()) {
      return new RecentAlert(
          seq,
          a.getId(),
          a.getModel(),
          a.getModelVersion(),
          millisOr(a.getExplainedAt(), -1),
          a.getScore() != null ? a.getScore() : a.getPrediction(),
          null,
          a.getCompletenessError(),
          List.of(),
          "the model publishes no reason codes (no reasonCodes table in its spec)");
    }
    ReasonCodeEvent r = x.reasonCodes().get();
    List<RecentAlert.Reason> reasons = new ArrayList<>();
    for (ReasonCode c : r.getReasons()) {
      reasons.add(
          new RecentAlert.Reason(
              c.getRank(), c.getCode(), c.getText(), c.getContribution(), c.getShare()));
    }
    return new RecentAlert(
        seq,
        r.getId(),
        r.getModel(),
        r.getModelVersion(),
        millisOr(r.getExplainedAt(), -1),
        r.getAlertScore(),
        r.getAlertThreshold(),
        r.getCompletenessError(),
        reasons,
        r.getNoReasonExplanation());
  }

  private static long millisOr(Instant t, long missing) {
    return t == null ? missing : t.toEpochMilli();
  }

  private static double[] toArray(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
