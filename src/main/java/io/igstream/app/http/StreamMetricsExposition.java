package io.igstream.app.http;

import io.igstream.app.models.ModelRotation;
import io.igstream.model.ModelExplainer;
import io.igstream.stream.BoundedRocksDbMemory;
import io.igstream.stream.DeadLetterReason;
import io.igstream.stream.Distribution;
import io.igstream.stream.FlushTrigger;
import io.igstream.stream.ModelCatalog;
import io.igstream.stream.ServedModel;
import io.igstream.stream.StreamMetrics;
import java.util.List;
import java.util.Map;

/** The explainer's metrics in Prometheus text format, for {@code /metrics}. */
public final class StreamMetricsExposition {
  private StreamMetricsExposition() {}

  public static String render(StreamMetrics m, ModelRotation models) {
    PrometheusText t = new PrometheusText();
    modelServing(t, models);
    modelCounters(t, models.loadedExplainers());
    t.counter("igstream_events_in_total", "Prediction records read.", m.eventsIn());
    t.counter(
        "igstream_events_selected_total", "Valid events chosen for explanation.", m.selected());
    t.counter(
        "igstream_events_skipped_total", "Valid events not selected (select mode).", m.skipped());
    t.counter("igstream_events_out_total", "Attribution events written.", m.eventsOut());
    t.family(
        "igstream_dead_lettered_total",
        "Records sent to the dead-letter topic, by reason.",
        "counter");
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      t.sample(
          "igstream_dead_lettered_total",
          Map.of("reason", reason.header()),
          m.deadLettered(reason));
    }
    t.family("igstream_batches_flushed_total", "Explain batches, by what flushed them.", "counter");
    for (FlushTrigger trigger : FlushTrigger.values()) {
      t.sample(
          "igstream_batches_flushed_total",
          Map.of("trigger", trigger.label()),
          m.batchesFlushed(trigger));
    }
    t.gauge("igstream_buffered_events", "Events waiting in the batch buffer.", m.buffered());
    t.gauge(
        "igstream_rocksdb_memory_bytes",
        "Off-heap bytes all RocksDB state stores hold now (block cache and memtables).",
        BoundedRocksDbMemory.usageBytes());
    t.gauge(
        "igstream_rocksdb_memory_budget_bytes",
        "Their shared cap (igstream.rocksdb.memory.mb); 0 until the first store opens.",
        BoundedRocksDbMemory.budgetInEffect());
    t.gauge(
        "igstream_overloaded_tasks",
        "Tasks degraded now because events arrive later than igstream.overload.max.lag.ms.",
        m.overloadedTasks());
    t.counter(
        "igstream_overload_entered_total",
        "Times a task became overloaded and started degrading.",
        m.overloadEntered());
    t.counter(
        "igstream_events_degraded_total",
        "Attribution events written degraded (their degraded field says why).",
        m.degraded());
    t.counter(
        "igstream_events_skipped_for_overload_total",
        "Valid events not explained because overload sampling left them out (also in skipped).",
        m.skippedForOverload());
    t.counter(
        "igstream_alerts_total",
        "Explained events whose score crossed the alert threshold.",
        m.alerts());
    t.counter(
        "igstream_reason_coded_total", "Reason-code events published for alerts.", m.reasonCoded());
    t.counter(
        "igstream_reason_coded_without_reason_total",
        "Alerts where no code group pushed toward the alert (empty reason list, said so).",
        m.reasonCodedWithoutReason());
    drift(t, m);
    histogram(
        t,
        "igstream_events_per_explain_call",
        "Events explained per model call (events x steps go to TF in few runs).",
        m.eventsPerExplainCall());
    histogram(t, "igstream_steps_per_event", "Gradient evaluations per event.", m.stepsPerEvent());
    histogram(
        t,
        "igstream_abs_completeness_error",
        "|sum(attributions) - (F(x) - F(x'))| per event.",
        m.absCompletenessError());
    histogram(
        t,
        "igstream_explain_latency_ms",
        "Milliseconds per explain call.",
        m.explainLatencyMillis());
    histogram(
        t,
        "igstream_event_lag_ms",
        "Milliseconds from a record's timestamp to its arrival at the explain step (the lag the"
            + " overload bound applies to).",
        m.lagMillis());
    histogram(
        t,
        "igstream_event_latency_ms",
        "Milliseconds from an event's arrival to its attribution (batching included).",
        m.eventLatencyMillis());
    return t.toString();
  }

  /** Which versions serve (and which is each name's default), and how rotations went. */
  private static void modelServing(PrometheusText t, ModelRotation models) {
    ModelCatalog served = models.catalog().current();
    t.family(
        "igstream_model_info",
        "1 for each model version served now; default=true: the version events without one get.",
        "gauge");
    for (ServedModel m : served.models()) {
      t.sample(
          "igstream_model_info",
          Map.of(
              "model",
              m.name(),
              "version",
              m.version().orElse(""),
              "default",
              Boolean.toString(served.isDefault(m))),
          1);
    }
    t.counter(
        "igstream_model_rotations_total",
        "New model sets swapped in while running.",
        models.rotations());
    t.counter(
        "igstream_model_refused_total",
        "Model directories or model sets refused (see the log); the models before kept serving.",
        models.refusals());
  }

  private static void drift(PrometheusText t, StreamMetrics m) {
    t.counter(
        "igstream_drift_windows_total",
        "Drift windows closed (one DriftEvent each), judged or not.",
        m.driftWindows());
    t.counter(
        "igstream_drift_windows_judged_total",
        "Drift windows compared with a reference.",
        m.driftWindowsJudged());
    t.counter(
        "igstream_drift_alerts_total",
        "Judged drift windows that crossed a threshold.",
        m.driftAlerts());
    t.counter(
        "igstream_drift_late_events_total",
        "Events left out of drift because their window had closed (attribution still published).",
        m.driftLateEvents());
    t.counter(
        "igstream_drift_skipped_total",
        "Attributions left out of drift: unreadable, or other features than their window's.",
        m.driftSkipped());
    t.family(
        "igstream_drift_jensen_shannon",
        "Jensen-Shannon divergence (bits) of each model's last judged window from its reference.",
        "gauge");
    m.lastJensenShannon()
        .forEach(
            (model, v) -> t.sample("igstream_drift_jensen_shannon", Map.of("model", model), v));
    t.family(
        "igstream_drift_ndcg",
        "nDCG@k of each model's last judged window's feature ranking.",
        "gauge");
    m.lastNdcg().forEach((model, v) -> t.sample("igstream_drift_ndcg", Map.of("model", model), v));
  }

  private static void modelCounters(PrometheusText t, List<ModelExplainer> models) {
    t.family(
        "igstream_model_runs_total",
        "Session.runs of each model's gradient graph (events x steps travel together).",
        "counter");
    models.forEach(m -> t.sample("igstream_model_runs_total", labels(m), m.modelRuns()));
    t.family("igstream_model_points_total", "Path points (events x steps) evaluated.", "counter");
    models.forEach(m -> t.sample("igstream_model_points_total", labels(m), m.pointsEvaluated()));
    t.family("igstream_model_events_total", "Events explained by each model.", "counter");
    models.forEach(m -> t.sample("igstream_model_events_total", labels(m), m.eventsExplained()));
  }

  private static Map<String, String> labels(ModelExplainer m) {
    return Map.of("model", m.spec().name(), "version", m.spec().version().orElse(""));
  }

  private static void histogram(
      PrometheusText t, String name, String help, Distribution.Snapshot s) {
    t.family(name, help, "histogram");
    for (int i = 0; i < s.upperBounds().length; i++) {
      t.sample(
          name + "_bucket",
          Map.of("le", PrometheusText.format(s.upperBounds()[i])),
          s.cumulativeCounts()[i]);
    }
    t.sample(name + "_bucket", Map.of("le", "+Inf"), s.count());
    t.sample(name + "_sum", Map.of(), s.sum());
    t.sample(name + "_count", Map.of(), s.count());
  }
}
