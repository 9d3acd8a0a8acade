package io.igstream.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/** Small graph look-ups: tensors by name and the ops a tensor is computed from. */
final class GraphPaths {
  private GraphPaths() {}

  /** The tensor {@code op:index} (or {@code op}, index 0), or null when the op does not exist. */
  static Output<?> tensor(Graph graph, String name) {
    int colon = name.lastIndexOf(':');
    String op = name;
    int index = 0;
    if (colon > 0) {
      try {
        index = Integer.parseInt(name.substring(colon + 1));
        op = name.substring(0, colon);
      } catch (NumberFormatException e) {
        op = name;
      }
    }
    GraphOperation operation = graph.operation(op);
    if (operation == null || index >= operation.numOutputs()) {
      return null;
    }
    return operation.output(index);
  }

  /**
   * Every op {@code out} is computed from through data edges, not looking past {@code fed} (a
   * tensor that will be fed cuts the graph above it).
   */
  static Set<GraphOperation> ancestors(Output<?> out, GraphOperation fed) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.push((GraphOperation) out.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (!seen.add(op) || op.equals(fed)) {
        continue;
      }
      for (int i = 0; i < op.numInputs(); i++) {
        todo.push((GraphOperation) op.input(i).op());
      }
    }
    return seen;
  }
}
