package io.igstream.stream;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A model catalog that can be replaced while the stream runs (hot model rotation), closing each
 * model only after the last batch that uses it has finished.
 *
 * <p>Each catalog ever served is a <em>generation</em>. A batch {@link #lease leases} the current
 * generation and explains all its events with it, even if {@link #swap} installs a newer one
 * meanwhile. Reference counting, in two levels:
 *
 * <ul>
 *   <li>a generation counts its open leases; once it is no longer current and its count is zero, it
 *       is dropped;
 *   <li>a model counts the generations that hold it and are not dropped (the current one plus
 *       retired ones still leased). A model kept by the new catalog (an unchanged version) never
 *       reaches zero; a model that reaches zero is handed to {@code retire} (which closes it),
 *       once.
 * </ul>
 *
 * <p>So no TF session is closed under a running batch, and a model that the next catalog keeps is
 * never closed at all. All bookkeeping is under one lock, taken twice per batch; {@code retire}
 * runs outside it.
 */
public final class LiveCatalog implements ModelSource, AutoCloseable {
  private final Consumer<ServedModel> retire;
  private final Map<ServedModel, Integer> generationsHolding = new IdentityHashMap<>();
  private Generation current;
  private boolean closed;

  /** Serves {@code initial}; {@code retire} is called once for each model no longer used. */
  public LiveCatalog(ModelCatalog initial, Consumer<ServedModel> retire) {
    this.retire = Objects.requireNonNull(retire, "retire");
    this.current = hold(Objects.requireNonNull(initial, "initial"));
  }

  @Override
  public synchronized ModelCatalog current() {
    return current.catalog;
  }

  @Override
  public CatalogLease lease() {
    Generation leased;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the model catalog is closed");
      }
      leased = current;
      leased.leases++;
    }
    return new Lease(leased);
  }

  /**
   * Serves {@code next} from now on. Batches already running finish on the catalog they leased;
   * models that {@code next} does not keep are retired after the last of those batches.
   *
   * @return the catalog it replaced
   * @throws IllegalStateException when closed (the caller still owns {@code next}'s new models)
   */
  public ModelCatalog swap(ModelCatalog next) {
    Objects.requireNonNull(next, "next");
    List<ServedModel> unused;
    Generation old;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the model catalog is closed");
      }
      old = current;
      current = hold(next);
      old.retired = true;
      unused = old.leases == 0 ? drop(old) : List.of();
    }
    unused.forEach(retire);
    return old.catalog;
  }

  /** Every model of the current and still-leased catalogs: what is loaded right now. */
  public synchronized List<ServedModel> loaded() {
    return new ArrayList<>(generationsHolding.keySet());
  }

  /**
   * Retires every model still loaded. Call after the stream has stopped: a batch still running
   * would have its models closed under it.
   */
  @Override
  public void close() {
    List<ServedModel> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(generationsHolding.keySet());
      generationsHolding.clear();
    }
    all.forEach(retire);
  }

  private Generation hold(ModelCatalog catalog) {
    for (ServedModel m : catalog.models()) {
      generationsHolding.merge(m, 1, Integer::sum);
    }
    return new Generation(catalog);
  }

  /** The models whose last holding generation was {@code g}. Under the lock. */
  private List<ServedModel> drop(Generation g) {
    List<ServedModel> unused = new ArrayList<>();
    for (ServedModel m : g.catalog.models()) {
      Integer left = generationsHolding.computeIfPresent(m, (k, n) -> n == 1 ? null : n - 1);
      if (left == null && !closed) {
        unused.add(m);
      }
    }
    return unused;
  }

  private void release(Generation g) {
    List<ServedModel> unused;
    synchronized (this) {
      g.leases--;
      unused = g.retired && g.leases == 0 && !closed ? drop(g) : List.of();
    }
    unused.forEach(retire);
  }

  /** One catalog as served, with its open leases. Guarded by the LiveCatalog's lock. */
  private static final class Generation {
    final ModelCatalog catalog;
    int leases;
    boolean retired;

    Generation(ModelCatalog catalog) {
      this.catalog = catalog;
    }
  }

  private final class Lease implements CatalogLease {
    private final Generation generation;
    private boolean released;

    Lease(Generation generation) {
      this.generation = generation;
    }

    @Override
    public ModelCatalog catalog() {
      return generation.catalog;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        release(generation);
      }
    }
  }
}
