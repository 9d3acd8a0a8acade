package io.igstream.stream;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the explainer topology did, summed over all its tasks and stream threads. Plain Java and
 * thread-safe; the app renders it (e.g. as Prometheus text). Every record read ends in exactly one
 * of {@link #eventsOut}, {@link #deadLettered}, {@link #skipped} or {@link #buffered}, so {@code in
 * = out + dead-lettered + skipped + buffered} once the processors are idle.
 *
 * <p>These are process-local counters, not part of the exactly-once transaction: after a crash the
 * records replayed from the last commit are counted again by the new process. The output topics,
 * not these numbers, are the exactly-once record.
 */
public final class StreamMetrics {
  private final LongAdder eventsIn = new LongAdder();
  private final LongAdder selected = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder eventsOut = new LongAdder();
  private final LongAdder alerts = new LongAdder();
  private final LongAdder reasonCoded = new LongAdder();
  private final LongAdder reasonCodedWithoutReason = new LongAdder();
  private final Map<DeadLetterReason, LongAdder> deadLettered =
      new EnumMap<>(DeadLetterReason.class);
  private final Map<FlushTrigger, LongAdder> batches = new EnumMap<>(FlushTrigger.class);
  private final AtomicLong buffered = new AtomicLong();
  private final LongAdder driftWindows = new LongAdder();
  private final LongAdder driftWindowsJudged = new LongAdder();
  private final LongAdder driftAlerts = new LongAdder();
  private final LongAdder driftLate = new LongAdder();
  private final LongAdder driftSkipped = new LongAdder();
  private final Map<String, double[]> lastDrift = new ConcurrentHashMap<>();
  private final Map<String, Long> lastExplainedWall = new ConcurrentHashMap<>();
  private final AtomicLong overloadedTasks = new AtomicLong();
  private final LongAdder overloadEntered = new LongAdder();
  private final LongAdder degraded = new LongAdder();
  private final LongAdder skippedForOverload = new LongAdder();
  private final Distribution eventsPerExplainCall =
      new Distribution(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
  private final Distribution stepsPerEvent =
      new Distribution(8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096);
  private final Distribution absCompletenessError =
      new Distribution(1e-6, 1e-5, 1e-4, 1e-3, 5e-3, 1e-2, 5e-2, 1e-1);
  private final Distribution explainLatencyMillis =
      new Distribution(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000);
  private final Distribution eventLatencyMillis =
      new Distribution(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);
  private final Distribution lagMillis =
      new Distribution(10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000);

  public StreamMetrics() {
    for (DeadLetterReason r : DeadLetterReason.values()) {
      deadLettered.put(r, new LongAdder());
    }
    for (FlushTrigger t : FlushTrigger.values()) {
      batches.put(t, new LongAdder());
    }
  }

  void recordIn() {
    eventsIn.increment();
  }

  void recordSelected() {
    selected.increment();
  }

  void recordSkipped() {
    skipped.increment();
  }

  void recordDeadLetter(DeadLetterReason reason) {
    deadLettered.get(reason).increment();
  }

  void recordBatch(FlushTrigger trigger) {
    batches.get(trigger).increment();
  }

  void recordExplainCall(int events, double millis) {
    eventsPerExplainCall.observe(events);
    explainLatencyMillis.observe(millis);
  }

  void recordOut(int steps, double completenessError, double eventMillis) {
    eventsOut.increment();
    stepsPerEvent.observe(steps);
    absCompletenessError.observe(Math.abs(completenessError));
    eventLatencyMillis.observe(eventMillis);
  }

  void recordAlert() {
    alerts.increment();
  }

  void recordReasonCoded(boolean withoutReason) {
    reasonCoded.increment();
    if (withoutReason) {
      reasonCodedWithoutReason.increment();
    }
  }

  void recordDriftWindow(String model, boolean judged, boolean alert, double jsd, double ndcg) {
    driftWindows.increment();
    if (judged) {
      driftWindowsJudged.increment();
      lastDrift.put(model, new double[] {jsd, ndcg});
    }
    if (alert) {
      driftAlerts.increment();
    }
  }

  /** This instance published an attribution of {@code model} at {@code wallMillis}. */
  void recordExplainedAt(String model, long wallMillis) {
    lastExplainedWall.merge(model, wallMillis, Math::max);
  }

  /**
   * When this instance last published an attribution of {@code model} (wall clock ms), or {@link
   * Long#MIN_VALUE} if never: the drift idle rule waits while the explain step still works.
   */
  long lastExplainedWallMillis(String model) {
    return lastExplainedWall.getOrDefault(model, Long.MIN_VALUE);
  }

  void recordDriftLate() {
    driftLate.increment();
  }

  void recordDriftSkipped() {
    driftSkipped.increment();
  }

  void addBuffered(long delta) {
    buffered.addAndGet(delta);
  }

  void recordLag(long millis) {
    lagMillis.observe(Math.max(0, millis));
  }

  void recordOverloadEntered() {
    overloadEntered.increment();
    overloadedTasks.incrementAndGet();
  }

  void recordOverloadRecovered() {
    overloadedTasks.decrementAndGet();
  }

  void recordDegraded() {
    degraded.increment();
  }

  /** A valid event left out by sampling under overload: also one of {@link #skipped}. */
  void recordSkippedForOverload() {
    skippedForOverload.increment();
    skipped.increment();
  }

  /** Records read from the input topic. */
  public long eventsIn() {
    return eventsIn.sum();
  }

  /** Valid events chosen for explanation. */
  public long selected() {
    return selected.sum();
  }

  /** Valid events left out (not dead-lettered): by the selection, or by sampling under overload. */
  public long skipped() {
    return skipped.sum();
  }

  /** Attribution events forwarded to the output topic. */
  public long eventsOut() {
    return eventsOut.sum();
  }

  /**
   * Explained events whose score (the live score, else the prediction) reached their model's
   * alertThreshold; models without a threshold have none.
   */
  public long alerts() {
    return alerts.sum();
  }

  /** Reason-code events forwarded to the reason-code topic (alerts of models with a table). */
  public long reasonCoded() {
    return reasonCoded.sum();
  }

  /** Reason-code events with an empty reason list: no code-table group pushed toward the alert. */
  public long reasonCodedWithoutReason() {
    return reasonCodedWithoutReason.sum();
  }

  public long deadLettered(DeadLetterReason reason) {
    return deadLettered.get(reason).sum();
  }

  public long deadLetteredTotal() {
    return deadLettered.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Buffer flushes by what triggered them. */
  public long batchesFlushed(FlushTrigger trigger) {
    return batches.get(trigger).sum();
  }

  /** Events waiting in the explain buffers of this instance's tasks now. */
  public long buffered() {
    return buffered.get();
  }

  /** Drift windows closed (a DriftEvent published for each), judged or not. */
  public long driftWindows() {
    return driftWindows.sum();
  }

  /** Drift windows compared with a reference (enough events, a reference exists). */
  public long driftWindowsJudged() {
    return driftWindowsJudged.sum();
  }

  /** Judged drift windows that crossed a threshold. */
  public long driftAlerts() {
    return driftAlerts.sum();
  }

  /** Events left out of drift because their window had closed (their attribution went out). */
  public long driftLateEvents() {
    return driftLate.sum();
  }

  /**
   * Attributions left out of drift for another reason: unreadable when read back, or with other
   * feature names than their window's (a model version change mid-window).
   */
  public long driftSkipped() {
    return driftSkipped.sum();
  }

  /** Per model, the Jensen–Shannon divergence of its last judged window. */
  public Map<String, Double> lastJensenShannon() {
    Map<String, Double> out = new TreeMap<>();
    lastDrift.forEach((model, v) -> out.put(model, v[0]));
    return out;
  }

  /** Per model, the nDCG@k of its last judged window. */
  public Map<String, Double> lastNdcg() {
    Map<String, Double> out = new TreeMap<>();
    lastDrift.forEach((model, v) -> out.put(model, v[1]));
    return out;
  }

  /** Tasks of this instance that are degraded under overload now. */
  public long overloadedTasks() {
    return overloadedTasks.get();
  }

  /** How often a task entered the overloaded state. */
  public long overloadEntered() {
    return overloadEntered.sum();
  }

  /** Attribution events written degraded (their {@code degraded} field says why). */
  public long degraded() {
    return degraded.sum();
  }

  /** Valid events not explained because sampling under overload left them out. */
  public long skippedForOverload() {
    return skippedForOverload.sum();
  }

  /** Wall milliseconds from a record's timestamp to its arrival at the explain step. */
  public Distribution.Snapshot lagMillis() {
    return lagMillis.snapshot();
  }

  /** Events per {@code explain} call (a call batches events &times; steps into few runs). */
  public Distribution.Snapshot eventsPerExplainCall() {
    return eventsPerExplainCall.snapshot();
  }

  /** Gradient evaluations per explained event. */
  public Distribution.Snapshot stepsPerEvent() {
    return stepsPerEvent.snapshot();
  }

  /** |completenessError| of explained events. */
  public Distribution.Snapshot absCompletenessError() {
    return absCompletenessError.snapshot();
  }

  /** Wall milliseconds per explain call. */
  public Distribution.Snapshot explainLatencyMillis() {
    return explainLatencyMillis.snapshot();
  }

  /** Wall milliseconds from an event's arrival to its attribution (batching included). */
  public Distribution.Snapshot eventLatencyMillis() {
    return eventLatencyMillis.snapshot();
  }
}
