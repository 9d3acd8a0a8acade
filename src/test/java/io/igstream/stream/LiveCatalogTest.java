package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelExplainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hot swap bookkeeping: a leased catalog's models stay open until its batch ends, a model the next
 * catalog keeps is never closed, every other model is closed exactly once, and never while a batch
 * uses it (checked under concurrent leases and swaps).
 */
class LiveCatalogTest {
  private static ModelExplainer real;

  @BeforeAll
  static void openModel() {
    real = FraudModels.open();
  }

  @AfterAll
  static void closeModel() {
    real.close();
  }

  /** A distinct served model (its own identity and version) around the one real TF model. */
  private static ServedModel version(String v) {
    return new ForwardingModel(ServedModel.of(real)) {
      @Override
      public Optional<String> version() {
        return Optional.of(v);
      }

      @Override
      public String toString() {
        return name() + "@" + v;
      }
    };
  }

  private static ModelCatalog catalog(ServedModel defaultModel, ServedModel... others) {
    ModelCatalog.Builder b = ModelCatalog.builder().add(defaultModel);
    for (ServedModel m : others) {
      b.add(m);
    }
    return b.defaultVersion(defaultModel.name(), defaultModel.version().orElseThrow()).build();
  }

  @Test
  void shouldKeepALeasedCatalogsModelsOpenUntilItsBatchEnds() {
    ServedModel v1 = version("1");
    ServedModel v2 = version("2");
    List<ServedModel> retired = new ArrayList<>();
    LiveCatalog live = new LiveCatalog(catalog(v1), retired::add);
    CatalogLease running = live.lease();

    ModelCatalog replaced = live.swap(catalog(v2));

    assertSame(v1, replaced.find(FraudModels.NAME, null).orElseThrow());
    assertEquals(List.of(), retired, "a batch still runs on v1");
    assertSame(v1, running.catalog().find(FraudModels.NAME, null).orElseThrow());
    List<ExplainedEvent> out =
        running
            .catalog()
            .find(FraudModels.NAME, null)
            .orElseThrow()
            .explain(List.of(InputEvent.of("x", new double[real.featureCount()])));
    assertTrue(Double.isFinite(out.get(0).prediction()));
    try (CatalogLease next = live.lease()) {
      assertSame(v2, next.catalog().find(FraudModels.NAME, null).orElseThrow(), "new batches");
    }
    running.close();
    assertEquals(List.of(v1), retired, "closed after its last batch");
    running.close();
    assertEquals(List.of(v1), retired, "closing a lease twice releases once");
    live.close();
    assertEquals(List.of(v1, v2), retired);
  }

  @Test
  void shouldNeverCloseAModelTheNextCatalogKeeps() {
    ServedModel v1 = version("1");
    ServedModel v2 = version("2");
    List<ServedModel> retired = new ArrayList<>();
    LiveCatalog live = new LiveCatalog(catalog(v1), retired::add);
    live.swap(catalog(v2, v1));
    assertEquals(List.of(), retired, "v1 is still served to events naming version 1");
    assertSame(v1, live.current().find(FraudModels.NAME, "1").orElseThrow());
    assertSame(v2, live.current().find(FraudModels.NAME, null).orElseThrow());
    live.swap(catalog(v2));
    assertEquals(List.of(v1), retired);
    assertEquals(List.of(v2), live.loaded());
  }

  @Test
  void shouldCloseAModelOnlyAfterEveryGenerationHoldingItIsReleased() {
    ServedModel v1 = version("1");
    ServedModel v2 = version("2");
    ServedModel v3 = version("3");
    List<ServedModel> retired = new ArrayList<>();
    LiveCatalog live = new LiveCatalog(catalog(v1), retired::add);
    CatalogLease onFirst = live.lease();
    live.swap(catalog(v2, v1));
    CatalogLease onSecond = live.lease();
    live.swap(catalog(v3));
    assertEquals(List.of(), retired);
    onFirst.close();
    assertEquals(List.of(), retired, "the second generation still holds v1 and v2");
    onSecond.close();
    assertEquals(2, retired.size());
    assertTrue(retired.containsAll(List.of(v1, v2)));
  }

  @Test
  void shouldRefuseLeasesAndSwapsOnceClosed() {
    List<ServedModel> retired = new ArrayList<>();
    ServedModel v1 = version("1");
    LiveCatalog live = new LiveCatalog(catalog(v1), retired::add);
    CatalogLease running = live.lease();
    live.close();
    assertEquals(List.of(v1), retired, "close retires everything (the stream has stopped)");
    running.close();
    assertEquals(List.of(v1), retired, "and nothing twice");
    assertThrows(IllegalStateException.class, live::lease);
    assertThrows(IllegalStateException.class, () -> live.swap(catalog(version("2"))));
  }

  /**
   * Four "stream threads" lease, use the default model and release, while the main thread swaps in
   * a new model 300 times: no model is retired while in use, each exactly once.
   */
  @Test
  void shouldNeverRetireAModelInUseUnderConcurrentSwaps() throws InterruptedException {
    Map<ServedModel, AtomicInteger> inUse = new ConcurrentHashMap<>();
    List<ServedModel> retired = new CopyOnWriteArrayList<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    Map<ServedModel, Boolean> closed = new ConcurrentHashMap<>();
    ServedModel first = version("0");
    inUse.put(first, new AtomicInteger());
    LiveCatalog live =
        new LiveCatalog(
            catalog(first),
            m -> {
              if (inUse.get(m).get() != 0) {
                violations.add(m + " retired while " + inUse.get(m) + " batches use it");
              }
              if (closed.put(m, true) != null) {
                violations.add(m + " retired twice");
              }
              retired.add(m);
            });
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger batches = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try (CatalogLease lease = live.lease()) {
                    ServedModel m = lease.catalog().find(FraudModels.NAME, null).orElseThrow();
                    inUse.get(m).incrementAndGet();
                    if (closed.containsKey(m)) {
                      violations.add(m + " used after it was retired");
                    }
                    Thread.onSpinWait();
                    inUse.get(m).decrementAndGet();
                    batches.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (int i = 1; i <= 300; i++) {
      ServedModel next = version(Integer.toString(i));
      inUse.put(next, new AtomicInteger());
      live.swap(catalog(next));
      if (i % 50 == 0) {
        Thread.sleep(1);
      }
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), violations);
    assertEquals(300, retired.size(), "every replaced model retired once its batches ended");
    assertTrue(batches.get() > 0);
    live.close();
    assertEquals(301, retired.size());
  }
}
