package io.igstream.stream;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB state store in this JVM (the explain buffer and the
 * drift stores, one instance per task) at ONE shared budget: a block cache that also holds the
 * index and filter blocks, and a write-buffer manager charging every memtable to that cache.
 *
 * <p>Why: by default each store instance gets its own 50 MB block cache and up to three 16 MB
 * memtables, outside the Java heap, so RSS grows with the number of tasks and with write traffic
 * (the buffer store sees a put and a delete per event) while {@code -Xmx} stays flat. This is the
 * bounded-memory recipe of the Kafka Streams memory-management guide
 * (docs.confluent.io/platform/current/streams/developer-guide/memory-mgmt).
 *
 * <p>The budget is read once, from {@link #BUDGET_BYTES_CONFIG} in the Streams configs of the first
 * store opened; the cache lives as long as the JVM (stores come and go with rebalances, the cache
 * must outlive all of them, so {@link #close} leaves it alone).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** Streams property carrying the budget in bytes; set by the app from its own config key. */
  public static final String BUDGET_BYTES_CONFIG = "igstream.rocksdb.memory.bytes";

  public static final long DEFAULT_BUDGET_BYTES = 64L << 20;

  /** Memtables may take a quarter of the budget; the rest caches blocks. */
  private static final double MEMTABLE_SHARE = 0.25;

  /** Index and filter blocks go to the high-priority pool, so data blocks never evict them. */
  private static final double INDEX_FILTER_SHARE = 0.1;

  private static Shared shared;

  private record Shared(long budget, Cache cache, WriteBufferManager writeBuffers) {}

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Shared s = shared(budgetOf(configs));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(s.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(s.writeBuffers());
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store: never closed here.
  }

  /** The budget in effect (0 before the first store opened). */
  public static synchronized long budgetInEffect() {
    return shared == null ? 0 : shared.budget();
  }

  /**
   * Bytes the shared cache holds now: cached blocks plus the memtables charged to it (0 before the
   * first store opened). Stays below {@link #budgetInEffect()} up to the small overshoot RocksDB
   * allows (its capacity limit is not strict).
   */
  public static synchronized long usageBytes() {
    return shared == null ? 0 : shared.cache().getUsage();
  }

  static long budgetOf(Map<String, Object> configs) {
    Object v = configs.get(BUDGET_BYTES_CONFIG);
    if (v == null) {
      return DEFAULT_BUDGET_BYTES;
    }
    long bytes = v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    if (bytes < (8L << 20)) {
      throw new IllegalArgumentException(
          BUDGET_BYTES_CONFIG + " must be at least 8 MiB, got " + bytes + " bytes");
    }
    return bytes;
  }

  private static synchronized Shared shared(long budget) {
    if (shared == null) {
      Cache cache = new LRUCache(budget, -1, false, INDEX_FILTER_SHARE);
      shared =
          new Shared(
              budget, cache, new WriteBufferManager((long) (budget * MEMTABLE_SHARE), cache));
    }
    return shared;
  }
}
