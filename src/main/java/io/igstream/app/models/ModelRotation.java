package io.igstream.app.models;

import io.igstream.model.Device;
import io.igstream.model.ModelExplainer;
import io.igstream.stream.LiveCatalog;
import io.igstream.stream.ModelCatalog;
import io.igstream.stream.ServedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the models of {@link ModelSources} and rolls new versions in without a restart.
 *
 * <p>Every poll interval, on its own thread, it scans the sources. A directory that is new or whose
 * files changed is loaded once it has looked the same for one whole interval (a copy still in
 * progress is not loaded), probed ({@link ModelLoading}), and only then offered: the next catalog
 * (unchanged models kept as they are, changed ones replaced, removed ones left out) is swapped into
 * the {@link LiveCatalog} in one step. Batches already running finish on the models they started
 * with; a model left out is closed after its last batch. A directory that fails to load, or a
 * catalog that cannot be served (e.g. no model left), is refused: logged with the reason, counted
 * in {@link #refusals()}, and the models served before keep serving. A refused directory is tried
 * again only when its files change.
 *
 * <p>Default version per name: the first listed directory of that name, else the highest version
 * under the root (as TF Serving serves the latest). Events naming a version get it as long as its
 * directory is there.
 */
public final class ModelRotation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRotation.class);

  private final ModelSources sources;
  private final Device device;
  private final Consumer<ModelCatalog> servable;
  private final Map<ServedModel, ModelExplainer> explainers = new ConcurrentHashMap<>();
  private final LiveCatalog catalog;
  private final AtomicLong rotations = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  // Poll thread only (and the constructor).
  private Map<Path, Loaded> loaded = new LinkedHashMap<>();
  private Map<Path, String> seenLastPoll = new HashMap<>();
  private final Map<Path, String> refused = new HashMap<>();
  private Map<Path, String> refusedWhole; // the scan last refused as a whole, if any
  private ScheduledExecutorService poller;

  private record Loaded(ModelCandidate candidate, ServedModel served) {}

  private ModelRotation(ModelSources sources, Device device, Consumer<ModelCatalog> servable) {
    this.sources = sources;
    this.device = device;
    this.servable = servable;
    List<ModelCandidate> found = ModelScan.scan(sources);
    for (Path listed : sources.dirs()) {
      if (found.stream().noneMatch(c -> c.dir().equals(listed))) {
        throw new IllegalArgumentException(
            "model directory " + listed + " does not exist or cannot be read (igstream.models)");
      }
    }
    if (sources.root().isPresent() && !Files.isDirectory(sources.root().get())) {
      throw new IllegalArgumentException(
          "igstream.models.root " + sources.root().get() + " is not a directory");
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "no model to serve: "
              + sources.dirs()
              + sources
                  .root()
                  .map(r -> " and no <name>/<version>/saved_model.pb under " + r)
                  .orElse(""));
    }
    try {
      for (ModelCandidate c : found) {
        try {
          loaded.put(c.dir(), load(c));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "cannot serve the model in " + c.dir() + ": " + e.getMessage(), e);
        }
        seenLastPoll.put(c.dir(), c.fingerprint());
      }
      ModelCatalog first = catalogOf(loaded.values());
      servable.accept(first);
      this.catalog = new LiveCatalog(first, this::retire);
    } catch (RuntimeException e) {
      explainers.values().forEach(ModelExplainer::close);
      throw e;
    }
    LOG.info("serving models: {}", describe(catalog.current()));
  }

  /**
   * Loads every model of {@code sources} (a model that fails stops the start, with its reason) and,
   * when the sources are watched, starts polling them.
   *
   * @param servable throws {@link IllegalArgumentException} for a catalog the stream cannot serve
   */
  public static ModelRotation start(
      ModelSources sources, Device device, Consumer<ModelCatalog> servable) {
    ModelRotation r = new ModelRotation(sources, device, servable);
    if (sources.watched()) {
      long every = sources.pollInterval().toMillis();
      r.poller =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread t = new Thread(task, "igstream-model-poller");
                t.setDaemon(true);
                return t;
              });
      r.poller.scheduleWithFixedDelay(r::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }
    return r;
  }

  /** The models the stream serves; swapped on each rotation. */
  public LiveCatalog catalog() {
    return catalog;
  }

  /** Every explainer loaded right now: the served ones and retired ones still finishing a batch. */
  public List<ModelExplainer> loadedExplainers() {
    List<ModelExplainer> out = new ArrayList<>();
    for (ServedModel m : catalog.loaded()) {
      ModelExplainer e = explainers.get(m);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Catalogs swapped in since start. */
  public long rotations() {
    return rotations.get();
  }

  /** Model directories or catalogs refused since start (the previous models kept serving). */
  public long refusals() {
    return refusals.get();
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      refusals.incrementAndGet();
      LOG.error("model poll failed; the served models are unchanged: {}", e.toString());
    }
  }

  /**
   * One look at the sources (what the poller runs). Package-private so that tests can step it.
   *
   * @return whether a new catalog was swapped in
   */
  synchronized boolean poll() {
    List<ModelCandidate> found = ModelScan.scan(sources);
    Map<Path, String> seen = new HashMap<>();
    found.forEach(c -> seen.put(c.dir(), c.fingerprint()));
    Map<Path, String> previous = seenLastPoll;
    seenLastPoll = seen;
    if (seen.equals(refusedWhole)) {
      return false; // the same set was refused as a whole: wait for a change
    }
    List<ModelCandidate> changed = new ArrayList<>();
    for (ModelCandidate c : found) {
      Loaded l = loaded.get(c.dir());
      boolean same = l != null && l.candidate().fingerprint().equals(c.fingerprint());
      if (!same && !c.fingerprint().equals(refused.get(c.dir()))) {
        if (!c.fingerprint().equals(previous.get(c.dir()))) {
          return false; // still being written: wait until it looks the same for one interval
        }
        changed.add(c);
      }
    }
    // Gone means gone: a directory the scan could not read this time (files replaced while it
    // looked) keeps serving until a later scan reads it.
    boolean removed =
        loaded.keySet().stream().anyMatch(dir -> !seen.containsKey(dir) && !Files.isDirectory(dir));
    if (changed.isEmpty() && !removed) {
      return false;
    }
    Map<Path, Loaded> next = new LinkedHashMap<>();
    loaded.forEach(
        (dir, l) -> {
          boolean unreadable = !seen.containsKey(dir) && Files.isDirectory(dir);
          boolean kept =
              seen.containsKey(dir) && changed.stream().noneMatch(c -> c.dir().equals(dir));
          if (unreadable || kept) {
            next.put(dir, l); // unchanged, changed but refused before, or unreadable right now
          }
        });
    List<ServedModel> fresh = new ArrayList<>();
    for (ModelCandidate c : changed) {
      try {
        Loaded l = load(c);
        fresh.add(l.served());
        next.put(c.dir(), l);
        refused.remove(c.dir());
      } catch (RuntimeException e) {
        refused.put(c.dir(), c.fingerprint());
        Loaded old = loaded.get(c.dir());
        if (old != null) {
          next.put(c.dir(), old);
        }
        refuse("model directory " + c.dir() + " is refused: " + e.getMessage());
      }
    }
    if (fresh.isEmpty() && !removed) {
      return false;
    }
    ModelCatalog nextCatalog;
    try {
      nextCatalog = catalogOf(ordered(next));
      servable.accept(nextCatalog);
    } catch (RuntimeException e) {
      fresh.forEach(this::retire);
      refusedWhole = seen;
      refuse("the new model set is refused: " + e.getMessage());
      return false;
    }
    ModelCatalog before = catalog.swap(nextCatalog);
    loaded = next;
    rotations.incrementAndGet();
    LOG.info(
        "model rotation: now serving {} (was {}); models left out are closed after their last"
            + " running batch",
        describe(nextCatalog),
        describe(before));
    return true;
  }

  private void refuse(String why) {
    refusals.incrementAndGet();
    LOG.warn("{}; the models served before keep serving", why);
  }

  private Loaded load(ModelCandidate c) {
    ModelExplainer explainer = ModelLoading.open(c, device);
    try {
      ServedModel served = ServedModel.of(explainer);
      explainers.put(served, explainer);
      return new Loaded(c, served);
    } catch (RuntimeException e) {
      explainer.close();
      throw e;
    }
  }

  /** Listed directories in their listed order, then the root's by name and version. */
  private static List<Loaded> ordered(Map<Path, Loaded> next) {
    List<Loaded> out = new ArrayList<>(next.values());
    out.sort(
        Comparator.comparingInt(
                (Loaded l) ->
                    l.candidate().listed() ? l.candidate().listedOrder() : Integer.MAX_VALUE)
            .thenComparing(l -> l.candidate().dir().toString()));
    return out;
  }

  /**
   * The first listed directory of a name is its default; a name only under the root defaults to its
   * highest version.
   */
  private static ModelCatalog catalogOf(Iterable<Loaded> models) {
    ModelCatalog.Builder b = ModelCatalog.builder();
    Map<String, Loaded> defaults = new LinkedHashMap<>();
    for (Loaded l : models) {
      b.add(l.served());
      String name = l.served().name();
      Loaded d = defaults.get(name);
      if (d == null
          || (!d.candidate().listed()
              && !l.candidate().listed()
              && l.candidate().versionNumber() > d.candidate().versionNumber())
          || (!d.candidate().listed() && l.candidate().listed())) {
        defaults.put(name, l);
      }
    }
    defaults.forEach((name, l) -> l.served().version().ifPresent(v -> b.defaultVersion(name, v)));
    return b.build();
  }

  private void retire(ServedModel m) {
    ModelExplainer e = explainers.remove(m);
    if (e != null) {
      e.close();
      LOG.info("model {} closed (no batch uses it any more)", m);
    }
  }

  private static String describe(ModelCatalog c) {
    List<String> out = new ArrayList<>();
    for (ServedModel m : c.models()) {
      out.add(m + (c.isDefault(m) ? " (default)" : ""));
    }
    out.sort(null);
    return String.join(", ", out);
  }

  /** Stops polling (waiting for a load in progress), then closes every model. */
  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
      try {
        if (!poller.awaitTermination(60, TimeUnit.SECONDS)) {
          LOG.warn("the model poller did not stop within 60 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    catalog.close();
  }
}
