package io.igstream.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.StepStats;

/**
 * Where traced {@code Session.run}s spent their time, per TensorFlow op type, from TensorFlow's own
 * step statistics ({@code RunOptions.TraceLevel.FULL_TRACE}): the time each kernel ran, summed over
 * nodes and runs. Ops may overlap (inter-op parallelism), so the op total can exceed the runs' wall
 * time; tracing itself adds a little to both.
 */
public record OpProfile(int runs, long pointsPerRun, long wallMicros, Map<String, Long> micros) {

  public OpProfile {
    micros = Collections.unmodifiableMap(new LinkedHashMap<>(micros));
  }

  /** Adds one traced run's step statistics to {@code into} (op type -> microseconds). */
  static void accumulate(RunMetadata metadata, Map<String, Long> into) {
    StepStats stats = metadata.getStepStats();
    for (var device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        into.merge(opType(node), node.getAllEndRelMicros(), Long::sum);
      }
    }
  }

  /** The op type from a timeline label such as {@code "MatMul_1 = _MklMatMul(x, w)"}. */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int eq = label.indexOf(" = ");
    int paren = label.indexOf('(', Math.max(eq, 0));
    if (eq < 0 || paren < 0) {
      return node.getNodeName();
    }
    return label.substring(eq + 3, paren);
  }

  /** Whether {@code opType} is a matrix product (plain, oneDNN, or fused with its bias/ReLU). */
  public static boolean isMatMul(String opType) {
    return opType.contains("MatMul");
  }

  /** Microseconds in all ops, summed. */
  public long totalMicros() {
    return micros.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Microseconds in matrix products, summed. */
  public long matMulMicros() {
    return micros.entrySet().stream()
        .filter(e -> isMatMul(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
