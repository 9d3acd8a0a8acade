package io.igstream.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.FunctionDef;

/**
 * The graph edits of one model: inlining, target selection and {@code addGradients}, each done once
 * per (signature, input, output[, target, layer]) and cached, serialised by this object's lock so
 * concurrent builders do not race on node names.
 */
final class Differentiator {

  /** The inlined copy of an output, and the inliner that made it (for layer look-ups). */
  record Inlined(Output<?> input, Output<?> output, FunctionInliner inliner) {}

  /** {@code target} and {@code d target / d wrt}. */
  record Result(Output<?> wrt, Output<?> target, boolean targetHasBatch, Output<?> gradient) {}

  private final Graph graph;
  private final Map<String, Inlined> inlined = new HashMap<>();
  private final Map<String, Result> results = new HashMap<>();
  private Map<String, FunctionDef> library;
  private int names;

  Differentiator(Graph graph) {
    this.graph = graph;
  }

  Output<?> input(TensorInfo in) {
    return tensor(in, "input");
  }

  Output<?> output(TensorInfo out) {
    return tensor(out, "output");
  }

  synchronized Inlined inline(SignatureInfo sig, TensorInfo in, TensorInfo out) {
    String key = sig.key() + '\0' + in.key() + '\0' + out.key();
    Inlined done = inlined.get(key);
    if (done != null) {
      return done;
    }
    Output<?> x = input(in);
    Output<?> y = output(out);
    FunctionInliner inliner =
        new FunctionInliner(
            graph, library(), "igstream_inline_" + ++names, Set.of((GraphOperation) x.op()));
    if (!inliner.dependsOnSources((GraphOperation) y.op())) {
      throw noPath(sig, in, out, "no path from " + in.tensorName() + " to " + out.tensorName());
    }
    Output<?> rewritten = inliner.rewrite(y);
    if (!GraphPaths.ancestors(rewritten, null).contains((GraphOperation) x.op())) {
      // The call took the input as an argument, but its body does not use it.
      throw noPath(sig, in, out, "its function body ignores the input");
    }
    done = new Inlined(x, rewritten, inliner);
    inlined.put(key, done);
    return done;
  }

  /** Differentiates the target w.r.t. the input, or w.r.t. {@code layer} when not null. */
  synchronized Result differentiate(
      SignatureInfo sig, TensorInfo in, TensorInfo out, Target target, String layer) {
    String key = sig.key() + '\0' + in.key() + '\0' + out.key() + '\0' + target + '\0' + layer;
    Result done = results.get(key);
    if (done != null) {
      return done;
    }
    Inlined inl = inline(sig, in, out);
    String what = "output '" + out.key() + "' of signature '" + sig.key() + "'";
    TargetBuilder.Built t =
        TargetBuilder.build(
            graph, "igstream_target_" + ++names, inl.output(), shape(out), target, what);
    Output<?> wrt = layer == null ? inl.input() : LayerLookup.find(graph, inl, t.value(), layer);
    String wrtName = layer == null ? "input '" + in.key() + "'" : "layer tensor '" + layer + "'";
    Output<?>[] grads;
    try {
      grads = graph.addGradients(t.value(), new Output<?>[] {wrt});
    } catch (RuntimeException e) {
      throw new ModelException(
          "cannot differentiate "
              + what
              + " ("
              + target
              + ") with respect to "
              + wrtName
              + ": "
              + e.getMessage(),
          e);
    }
    if (grads == null || grads.length != 1 || grads[0] == null || grads[0].op() == null) {
      throw new ModelException(
          what
              + " does not depend differentiably on "
              + wrtName
              + ": TensorFlow returned no gradient");
    }
    done = new Result(wrt, t.value(), t.hasBatch(), grads[0]);
    results.put(key, done);
    return done;
  }

  private static ModelException noPath(
      SignatureInfo sig, TensorInfo in, TensorInfo out, String why) {
    return new ModelException(
        "output '"
            + out.key()
            + "' of signature '"
            + sig.key()
            + "' does not depend differentiably on input '"
            + in.key()
            + "' ("
            + why
            + "); choose another input, output or signature");
  }

  private Output<?> tensor(TensorInfo info, String kind) {
    Output<?> o = GraphPaths.tensor(graph, info.tensorName());
    if (o == null) {
      throw new ModelException(
          kind
              + " '"
              + info.key()
              + "' names tensor "
              + info.tensorName()
              + " which is not in the graph");
    }
    return o;
  }

  private Map<String, FunctionDef> library() {
    if (library == null) {
      library = new HashMap<>();
      for (FunctionDef f : graph.toGraphDef().getLibrary().getFunctionList()) {
        library.put(f.getSignature().getName(), f);
      }
    }
    return library;
  }

  static Shape shape(TensorInfo info) {
    if (info.shape() == null) {
      return Shape.unknown();
    }
    long[] dims = new long[info.shape().size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = info.shape().get(i);
    }
    return dims.length == 0 ? Shape.scalar() : Shape.of(dims);
  }
}
