package io.igstream.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of this process by thread, so the end-to-end bench can say where its CPU went: Java
 * threads by name ({@link ThreadMXBean}), the JVM's own threads (GC, JIT) and native threads
 * (RocksDB, TensorFlow's pools) from {@code /proc/self/task}, whose {@code comm} is the first 15
 * characters of a Java thread's name. Everything is cumulative since the thread started; {@link
 * #since} takes differences (threads that ended in between are lost; the bench's do not end).
 */
final class ThreadCpu {
  /** Linux's clock ticks per second for {@code /proc} times; 100 on every common kernel. */
  private static final double TICK_NANOS = 1e9 / 100;

  private final long processNanos;
  private final Map<String, Long> javaByName;
  private final Map<String, Long> jvmAndNative;

  private ThreadCpu(long processNanos, Map<String, Long> javaByName, Map<String, Long> native_) {
    this.processNanos = processNanos;
    this.javaByName = javaByName;
    this.jvmAndNative = native_;
  }

  /** Now, or an empty snapshot where {@code /proc} or thread CPU time is missing. */
  static ThreadCpu take() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> java = new HashMap<>();
    if (threads.isThreadCpuTimeSupported()) {
      for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
        long cpu = t == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          java.merge(t.getThreadName(), cpu, Long::sum);
        }
      }
    }
    Map<String, Long> other = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(
          task -> {
            try {
              String group = jvmOrNativeGroup(Files.readString(task.resolve("comm")).trim());
              if (group != null) {
                other.merge(group, ticks(Files.readString(task.resolve("stat"))), Long::sum);
              }
            } catch (IOException e) {
              // the thread ended meanwhile
            }
          });
    } catch (IOException e) {
      // not Linux: the breakdown has Java threads only
    }
    return new ThreadCpu(processCpuNanos(), java, other);
  }

  /** Process CPU time (all threads, user + system), or 0 where the JVM does not report it. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  long processNanos() {
    return processNanos;
  }

  /**
   * CPU nanoseconds per component between {@code earlier} and this snapshot, largest first; the
   * rest of the process's CPU (TensorFlow's and other native threads) is {@code native (TF and
   * other)}.
   */
  Map<String, Long> since(ThreadCpu earlier, String applicationId) {
    Map<String, Long> groups = new HashMap<>();
    long accounted = 0;
    for (Map.Entry<String, Long> e : javaByName.entrySet()) {
      long d = e.getValue() - earlier.javaByName.getOrDefault(e.getKey(), 0L);
      groups.merge(javaGroup(e.getKey(), applicationId), d, Long::sum);
      accounted += d;
    }
    for (Map.Entry<String, Long> e : jvmAndNative.entrySet()) {
      long d = e.getValue() - earlier.jvmAndNative.getOrDefault(e.getKey(), 0L);
      groups.merge(e.getKey(), d, Long::sum);
      accounted += d;
    }
    groups.put("native (TensorFlow pools, other)", processNanos - earlier.processNanos - accounted);
    Map<String, Long> sorted = new LinkedHashMap<>();
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The {@code n} Java threads that used most CPU since {@code earlier}, by name. */
  Map<String, Long> topJavaThreads(ThreadCpu earlier, int n) {
    Map<String, Long> top = new LinkedHashMap<>();
    javaByName.entrySet().stream()
        .map(
            e ->
                Map.entry(
                    e.getKey(), e.getValue() - earlier.javaByName.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  /** Which part of the bench a Java thread belongs to, from the names Kafka and igstream give. */
  static String javaGroup(String name, String applicationId) {
    if (name.equals("main") || name.equals("kafka-producer-network-thread | bench-producer")) {
      return "bench producer (Avro encode, send)";
    }
    if (name.contains("igstream-bench-reader")) {
      return "bench reader (read_committed, Avro decode)";
    }
    if (name.startsWith(applicationId) && name.matches(".*-StreamThread-\\d+")) {
      return "explainer stream threads (process, explain, serdes, stores)";
    }
    if (name.contains(applicationId)) {
      return "explainer client I/O threads (producer, consumer, global)";
    }
    if (name.startsWith("schema-registry") || name.startsWith("igstream-")) {
      return "registry, HTTP, dashboard";
    }
    return "broker (network, request handlers, log, raft, coordinators)";
  }

  /** The JVM's and native threads' groups by {@code comm}; null for a Java thread. */
  private static String jvmOrNativeGroup(String comm) {
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
      return "GC (G1 threads)";
    }
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
      return "JIT compiler";
    }
    if (comm.startsWith("VM Thread") || comm.startsWith("VM Periodic")) {
      return "JVM (VM thread)";
    }
    if (comm.startsWith("rocksdb")) {
      return "RocksDB background (flush, compaction)";
    }
    return null;
  }

  private static long ticks(String stat) {
    // Fields after the parenthesised comm: state is field 3, utime 14, stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (long) ((Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
  }
}
