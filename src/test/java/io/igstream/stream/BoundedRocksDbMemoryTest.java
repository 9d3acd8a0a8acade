package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.model.ModelExplainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Every RocksDB store of the JVM draws on one capped cache and write-buffer budget. */
class BoundedRocksDbMemoryTest {
  @TempDir Path stateDir;

  @Test
  void shouldReadTheBudgetFromTheStreamsConfigsAndRefuseATinyOne() {
    assertEquals(64L << 20, BoundedRocksDbMemory.budgetOf(Map.of()));
    assertEquals(
        128L << 20,
        BoundedRocksDbMemory.budgetOf(
            Map.of(BoundedRocksDbMemory.BUDGET_BYTES_CONFIG, String.valueOf(128L << 20))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BoundedRocksDbMemory.budgetOf(
                    Map.of(BoundedRocksDbMemory.BUDGET_BYTES_CONFIG, 1024L)));
    assertTrue(e.getMessage().contains(BoundedRocksDbMemory.BUDGET_BYTES_CONFIG), e.getMessage());
  }

  @Test
  void shouldGiveEveryStoreTheSameWriteBufferManagerAndCacheItsIndexBlocks() {
    RocksDB.loadLibrary();
    BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
    try (Options a = new Options();
        Options b = new Options()) {
      a.setTableFormatConfig(new BlockBasedTableConfig());
      b.setTableFormatConfig(new BlockBasedTableConfig());
      setter.setConfig("store-a", a, Map.of());
      setter.setConfig("store-b", b, Map.of());
      assertNotNull(a.writeBufferManager(), "memtables are charged to the shared budget");
      assertSame(a.writeBufferManager(), b.writeBufferManager(), "one manager for all stores");
      BlockBasedTableConfig table = (BlockBasedTableConfig) a.tableFormatConfig();
      assertTrue(table.cacheIndexAndFilterBlocks(), "index and filter blocks count too");
      assertTrue(BoundedRocksDbMemory.budgetInEffect() >= 8L << 20);
    }
  }

  @Test
  void shouldCapTheExplainBuffersBlockCacheAtTheSharedBudgetInARealTopology() {
    ExplainerStreamConfig config =
        ExplainerStreamConfig.defaults().withBatching(2, Duration.ofHours(1));
    try (ModelExplainer model = FraudModels.open();
        TopologyHarness h = new TopologyHarness(config, ModelCatalog.of(model), stateDir)) {
      List<io.igstream.avro.PredictionEvent> events = FraudModels.events("rocks", 3);
      events.forEach(h::send);
      Map<MetricName, ? extends Metric> metrics = h.driver.metrics();
      List<Double> capacities =
          metrics.entrySet().stream()
              .filter(e -> e.getKey().name().equals("block-cache-capacity"))
              .filter(e -> e.getKey().tags().containsValue(ExplainerTopology.BUFFER_STORE))
              .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
              .toList();
      assertEquals(1, capacities.size(), "one buffer store in the test driver: " + capacities);
      assertEquals(
          (double) BoundedRocksDbMemory.budgetInEffect(),
          capacities.get(0),
          "the store's block cache is the shared, capped one (the default would be 50 MB each)");
      long used = BoundedRocksDbMemory.usageBytes();
      assertTrue(used > 0, "the buffered events' memtable is charged to the shared cache");
      assertTrue(used <= BoundedRocksDbMemory.budgetInEffect(), used + " bytes");
    }
  }
}
