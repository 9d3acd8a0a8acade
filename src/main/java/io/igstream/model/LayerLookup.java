package io.igstream.model;

import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/**
 * Finds an internal tensor for layer IG: a tensor of the graph by its name, or an op copied by
 * inlining, named by its path inside the function(s) (a unique suffix is enough).
 */
final class LayerLookup {
  private LayerLookup() {}

  static Output<?> find(Graph graph, Differentiator.Inlined inl, Output<?> target, String name) {
    int colon = name.lastIndexOf(':');
    String opName = colon > 0 ? name.substring(0, colon) : name;
    int index = colon > 0 ? Integer.parseInt(name.substring(colon + 1)) : 0;
    Output<?> found = GraphPaths.tensor(graph, name);
    if (found == null) {
      Map<String, GraphOperation> created = inl.inliner().created();
      List<String> matches =
          created.keySet().stream()
              .filter(p -> p.equals(opName) || p.endsWith("/" + opName))
              .sorted()
              .toList();
      if (matches.size() > 1) {
        throw new ModelException(
            "layer tensor '"
                + name
                + "' is ambiguous; it matches "
                + matches
                + "; give a longer path");
      }
      if (matches.isEmpty()) {
        throw new ModelException(
            "layer tensor '"
                + name
                + "' not found in the graph nor in the inlined functions; inlined ops include: "
                + created.keySet().stream().sorted().limit(30).toList());
      }
      found = created.get(matches.get(0)).output(index);
    }
    if (!GraphPaths.ancestors(target, null).contains((GraphOperation) found.op())) {
      throw new ModelException(
          "layer tensor '"
              + name
              + "' is not on the path from the input to the output; if it lies inside a function"
              + " call, name it by its path inside the function");
    }
    return found;
  }
}
