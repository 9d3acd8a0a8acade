package io.igstream.stream;

import io.igstream.avro.DriftEvent;
import io.igstream.drift.AttributionProfile;
import io.igstream.drift.DriftJudge;
import io.igstream.drift.DriftVerdict;
import io.igstream.drift.DriftWindows;
import io.igstream.drift.ProfileAccumulator;
import io.igstream.drift.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Windows each model's attribution profile and publishes one {@code DriftEvent} per closed window.
 * It reads the {@code drift-profiles} repartition topic, keyed by model name, so every event of a
 * model — from every input partition and every instance — reaches the ONE task that owns that
 * model's key: the window sees the whole model, and idle input partitions cannot hold it open.
 *
 * <h2>When a window closes</h2>
 *
 * <ul>
 *   <li>Stream time is the largest record timestamp this task has seen. A window {@code [start,
 *       end)} closes when stream time reaches {@code end + grace}.
 *   <li>When no attribution arrives (traffic stopped, or all of a model's traffic did), a
 *       wall-clock punctuator lets time go on: it closes a model's windows whose {@code end +
 *       grace} is reached by {@code stream time + idle}, where idle is the wall time since the
 *       later of the last record's arrival here and this instance's last published attribution of
 *       that model. So the last window of a quiet stream closes about {@code end + grace − last
 *       timestamp} after the last event, instead of never; and while this instance is still
 *       explaining the model's events (on this same stream thread, say), time does not run on.
 *   <li>An event whose window has closed (or is due to close) is late: it is counted ({@link
 *       StreamMetrics#driftLateEvents()}) and left out of that window; its attribution was
 *       published regardless. An event late for any of its (hopping) windows counts once.
 * </ul>
 *
 * <p>Open windows ({@value DriftTopology#WINDOW_STORE}) and each model's closed-until mark and
 * {@code first} reference ({@value DriftTopology#MODEL_STORE}) are changelogged stores: the store
 * writes, the forwarded drift events and the consumed offsets commit in one exactly-once
 * transaction, so a crash neither loses nor repeats a window.
 */
final class DriftProcessor implements Processor<String, DriftContribution, String, DriftEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(DriftProcessor.class);
  private static final char SEPARATOR = '@';

  private final DriftConfig config;
  private final DriftWindows windows;
  private final long graceMillis;
  private final DriftJudge judge;
  private final Map<String, ReferenceProfile> referenceFiles;
  private final StreamMetrics metrics;
  private ProcessorContext<String, DriftEvent> context;
  private KeyValueStore<String, DriftWindowState> open;
  private KeyValueStore<String, ModelDriftState> models;
  private long streamTime = Long.MIN_VALUE;
  private long lastArrivalWall;
  private long nextCloseAt = Long.MAX_VALUE;

  DriftProcessor(
      DriftConfig config, Map<String, ReferenceProfile> referenceFiles, StreamMetrics metrics) {
    this.config = config;
    this.windows = config.windows();
    this.graceMillis = config.grace().toMillis();
    this.judge = new DriftJudge(config.thresholds());
    this.referenceFiles = Map.copyOf(referenceFiles);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, DriftEvent> context) {
    this.context = context;
    this.open = context.getStateStore(DriftTopology.WINDOW_STORE);
    this.models = context.getStateStore(DriftTopology.MODEL_STORE);
    this.lastArrivalWall = context.currentSystemTimeMs();
    // After a restart the task's stream time may be unknown; the open windows' latest start is a
    // lower bound of it, enough for the idle rule to close them eventually.
    long known = context.currentStreamTimeMs();
    if (known >= 0) { // Kafka Streams reports -1 before the task has seen a record
      streamTime = Math.max(streamTime, known);
    }
    try (KeyValueIterator<String, DriftWindowState> all = open.all()) {
      while (all.hasNext()) {
        long start = startOf(all.next().key);
        streamTime = Math.max(streamTime, start);
        nextCloseAt = Math.min(nextCloseAt, windows.endOf(start) + graceMillis);
      }
    }
    context.schedule(config.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::onTimer);
  }

  @Override
  public void process(Record<String, DriftContribution> record) {
    lastArrivalWall = context.currentSystemTimeMs();
    String model = record.key();
    long ts = record.timestamp();
    if (model == null || ts < 0) {
      metrics.recordDriftSkipped();
      return;
    }
    streamTime = Math.max(streamTime, ts);
    DriftContribution c = record.value();
    ModelDriftState state = Optional.ofNullable(models.get(model)).orElse(ModelDriftState.NEW);
    boolean late = false;
    for (long start : windows.startsFor(ts)) {
      long end = windows.endOf(start);
      if (end <= state.closedUntil() || end + graceMillis <= streamTime) {
        late = true;
        continue;
      }
      String key = key(model, start);
      DriftWindowState w = open.get(key);
      if (w == null) {
        w = new DriftWindowState(new ProfileAccumulator(c.featureNames()), c.modelVersion());
        nextCloseAt = Math.min(nextCloseAt, end + graceMillis);
      } else if (!w.sums().featureNames().equals(c.featureNames())) {
        // A version of the model with other features, mid-window: not comparable, left out.
        metrics.recordDriftSkipped();
        continue;
      }
      w.sums().add(c.attributions());
      open.put(key, new DriftWindowState(w.sums(), c.modelVersion().or(w::lastVersion)));
    }
    if (late) {
      metrics.recordDriftLate();
    }
    closeUpTo(streamTime);
  }

  /** The idle rule: time goes on with the wall clock while nothing arrives or is explained. */
  private void onTimer(long nowWall) {
    if (streamTime == Long.MIN_VALUE
        || streamTime + Math.max(0, nowWall - lastArrivalWall) < nextCloseAt) {
      return;
    }
    Map<String, Long> timeOfModel = new HashMap<>();
    closeDue(
        model ->
            timeOfModel.computeIfAbsent(
                model,
                m -> {
                  long active = Math.max(lastArrivalWall, metrics.lastExplainedWallMillis(m));
                  return streamTime + Math.max(0, nowWall - active);
                }));
  }

  private void closeUpTo(long time) {
    if (time >= nextCloseAt) {
      closeDue(model -> time);
    }
  }

  /**
   * Closes every open window with {@code end + grace <= time of its model}, in (model, start)
   * order.
   */
  private void closeDue(ToLongFunction<String> timeOfModel) {
    List<KeyValue<String, DriftWindowState>> due = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<String, DriftWindowState> all = open.all()) {
      while (all.hasNext()) {
        KeyValue<String, DriftWindowState> kv = all.next();
        long closeAt = windows.endOf(startOf(kv.key)) + graceMillis;
        if (closeAt <= timeOfModel.applyAsLong(modelOf(kv.key))) {
          due.add(kv);
        } else {
          next = Math.min(next, closeAt);
        }
      }
    }
    for (KeyValue<String, DriftWindowState> kv : due) {
      close(modelOf(kv.key), startOf(kv.key), kv.value);
      open.delete(kv.key);
    }
    nextCloseAt = next;
  }

  private void close(String model, long start, DriftWindowState w) {
    long end = windows.endOf(start);
    AttributionProfile profile = w.sums().profile();
    ModelDriftState state = Optional.ofNullable(models.get(model)).orElse(ModelDriftState.NEW);
    Optional<ReferenceProfile> reference =
        Optional.ofNullable(referenceFiles.get(model)).or(state::firstWindow);
    boolean enough = profile.events() >= config.minEvents();
    boolean comparable =
        reference.isPresent()
            && reference.get().profile().featureNames().equals(profile.featureNames());
    Optional<DriftVerdict> verdict =
        enough && comparable
            ? Optional.of(judge.judge(profile, reference.get().profile()))
            : Optional.empty();
    if (enough && reference.isEmpty()) {
      // reference=first: this window becomes the model's reference, published unjudged.
      ReferenceProfile first =
          new ReferenceProfile(
              model, w.lastVersion(), profile, "window:" + Instant.ofEpochMilli(start));
      state = state.withFirstWindow(first);
      reference = Optional.of(first);
      comparable = true;
    }
    DriftEvent event =
        DriftEventMapper.toEvent(
            model,
            w.lastVersion(),
            start,
            end,
            profile,
            reference.map(ReferenceProfile::label).orElse("none"),
            comparable ? reference.map(r -> r.profile().share()) : Optional.empty(),
            verdict,
            config.thresholds().topK());
    models.put(model, state.closedThrough(end));
    context.forward(new Record<>(model, event, end));
    metrics.recordDriftWindow(
        model,
        verdict.isPresent(),
        event.getAlert(),
        event.getJensenShannon(),
        event.getNdcgTopK());
    if (event.getAlert()) {
      LOG.warn(
          "attribution drift in {} window {}..{}: {}",
          model,
          Instant.ofEpochMilli(start),
          Instant.ofEpochMilli(end),
          event.getAlertReasons());
    }
  }

  /** Store key: model, separator, zero-padded start, so a model's windows iterate in time order. */
  static String key(String model, long start) {
    return ZeroPadded.append(new StringBuilder(model).append(SEPARATOR), start, 19).toString();
  }

  static String modelOf(String key) {
    return key.substring(0, key.lastIndexOf(SEPARATOR));
  }

  static long startOf(String key) {
    return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
  }
}
