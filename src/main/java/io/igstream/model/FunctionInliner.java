package io.igstream.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Rewrites an output of a loaded graph so that no function call lies between the given sources
 * (signature inputs) and it: every {@code StatefulPartitionedCall}/{@code PartitionedCall} on that
 * path is replaced by a copy of its function body, recursively.
 *
 * <p>Why: a Keras SavedModel's serving output comes from a call whose function reads the variables
 * through DT_RESOURCE arguments; TensorFlow's SymbolicGradient of such a call fails at run time.
 * The inlined body is made of ordinary ops with registered gradients, reading the same restored
 * variables. Ops off the path are left untouched. Not thread-safe: callers serialise graph edits.
 */
final class FunctionInliner {
  private static final Set<String> CALL_OPS = Set.of("StatefulPartitionedCall", "PartitionedCall");

  private final Graph graph;
  private final Map<String, FunctionDef> library;
  private final String prefix;
  private final Set<GraphOperation> sources;
  private final Map<GraphOperation, Boolean> dependsMemo = new HashMap<>();
  private final Map<GraphOperation, List<Output<?>>> rewritten = new HashMap<>();
  private final Map<String, GraphOperation> created = new HashMap<>();
  private Map<String, NodeDef> outerNodes;

  FunctionInliner(
      Graph graph, Map<String, FunctionDef> library, String prefix, Set<GraphOperation> sources) {
    this.graph = graph;
    this.library = library;
    this.prefix = prefix;
    this.sources = sources;
  }

  /**
   * An output computing the same values as {@code out}, with no call between the sources and it.
   */
  Output<?> rewrite(Output<?> out) {
    return rewriteOp((GraphOperation) out.op()).get(out.index());
  }

  /** Whether {@code op} depends through data edges on one of the sources. */
  boolean dependsOnSources(GraphOperation op) {
    Boolean known = dependsMemo.get(op);
    if (known != null) {
      return known;
    }
    boolean depends = sources.contains(op);
    for (int i = 0; !depends && i < op.numInputs(); i++) {
      depends = dependsOnSources((GraphOperation) op.input(i).op());
    }
    dependsMemo.put(op, depends);
    return depends;
  }

  /** Ops created by inlining, keyed by their path of call nodes and body node names. */
  Map<String, GraphOperation> created() {
    return Map.copyOf(created);
  }

  int inlinedOpCount() {
    return created.size();
  }

  private List<Output<?>> rewriteOp(GraphOperation op) {
    List<Output<?>> done = rewritten.get(op);
    if (done != null) {
      return done;
    }
    List<Output<?>> original = outputsOf(op);
    List<Output<?>> result = original;
    if (dependsOnSources(op) && !sources.contains(op)) {
      List<Output<?>> inputs = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < op.numInputs(); i++) {
        Output<?> in = op.input(i);
        Output<?> re = rewrite(in);
        changed |= !re.equals(in);
        inputs.add(re);
      }
      if (CALL_OPS.contains(op.type())) {
        String fn = op.attributes().getAttrValueProto("f").getFunc().getName();
        result = inlineCall(fn, inputs, List.copyOf(op.controlInputs()), op.name());
      } else if (changed) {
        NodeDef def = outerNode(op.name());
        Operation clone =
            buildOp(def, prefix + "/" + op.name(), inputs, List.copyOf(op.controlInputs()));
        result = outputsOf((GraphOperation) clone);
      }
    }
    rewritten.put(op, result);
    return result;
  }

  private List<Output<?>> inlineCall(
      String functionName, List<Output<?>> args, List<Operation> controls, String path) {
    FunctionDef fn = library.get(functionName);
    if (fn == null) {
      throw new ModelException(
          "function '" + functionName + "' called by '" + path + "' is not in the graph library");
    }
    return new Body(fn, args, controls, path).results();
  }

  private NodeDef outerNode(String name) {
    if (outerNodes == null) {
      outerNodes = new HashMap<>();
      for (NodeDef n : graph.toGraphDef().getNodeList()) {
        outerNodes.put(n.getName(), n);
      }
    }
    return outerNodes.get(name);
  }

  /** Builds an op like {@code def}, grouping the flat {@code inputs} by its OpDef's input args. */
  private Operation buildOp(
      NodeDef def, String name, List<Output<?>> inputs, List<? extends Operation> controls) {
    OpDef opDef = OpRegistry.get(def.getOp());
    GraphOperationBuilder b = graph.opBuilder(def.getOp(), name, graph.baseScope());
    int next = 0;
    for (OpDef.ArgDef arg : opDef.getInputArgList()) {
      if (!arg.getNumberAttr().isEmpty() || !arg.getTypeListAttr().isEmpty()) {
        int n = listLength(def, arg);
        b.addInputList(inputs.subList(next, next + n).toArray(new Output<?>[0]));
        next += n;
      } else {
        b.addInput(inputs.get(next++));
      }
    }
    if (next != inputs.size()) {
      throw new ModelException(
          "node '" + def.getName() + "' (" + def.getOp() + ") has inputs its OpDef does not know");
    }
    for (Map.Entry<String, AttrValue> attr : def.getAttrMap().entrySet()) {
      if (!attr.getKey().startsWith("_")) { // '_' attrs are bookkeeping (shapes, colocation)
        b.setAttr(attr.getKey(), attr.getValue());
      }
    }
    for (Operation c : controls) {
      b.addControlInput(c);
    }
    return b.build();
  }

  private static int listLength(NodeDef def, OpDef.ArgDef arg) {
    if (!arg.getNumberAttr().isEmpty()) {
      return (int) def.getAttrOrThrow(arg.getNumberAttr()).getI();
    }
    return def.getAttrOrThrow(arg.getTypeListAttr()).getList().getTypeCount();
  }

  private static List<Output<?>> outputsOf(GraphOperation op) {
    List<Output<?>> outs = new ArrayList<>();
    for (int i = 0; i < op.numOutputs(); i++) {
      outs.add(op.output(i));
    }
    return outs;
  }

  /** One inlined copy of a function body. Nodes are built on demand, from the returns back. */
  private final class Body {
    private final FunctionDef fn;
    private final Map<String, Output<?>> args = new HashMap<>();
    private final List<Operation> inheritedControls;
    private final String path;
    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final Map<String, InlinedNode> built = new HashMap<>();

    Body(FunctionDef fn, List<Output<?>> callInputs, List<Operation> controls, String path) {
      this.fn = fn;
      this.inheritedControls = controls;
      this.path = path;
      List<OpDef.ArgDef> inputArgs = fn.getSignature().getInputArgList();
      if (inputArgs.size() != callInputs.size()) {
        throw new ModelException(
            "call '"
                + path
                + "' passes "
                + callInputs.size()
                + " inputs to function '"
                + fn.getSignature().getName()
                + "' which takes "
                + inputArgs.size());
      }
      for (int i = 0; i < inputArgs.size(); i++) {
        args.put(inputArgs.get(i).getName(), callInputs.get(i));
      }
      for (NodeDef n : fn.getNodeDefList()) {
        nodes.put(n.getName(), n);
      }
    }

    List<Output<?>> results() {
      List<Output<?>> outs = new ArrayList<>();
      for (OpDef.ArgDef ret : fn.getSignature().getOutputArgList()) {
        outs.add(resolve(fn.getRetOrThrow(ret.getName())));
      }
      return outs;
    }

    /** Resolves {@code arg}, {@code node:output_arg:index} or {@code node:index}. */
    private Output<?> resolve(String ref) {
      String[] parts = ref.split(":");
      if (parts.length == 1) {
        Output<?> arg = args.get(ref);
        if (arg != null) {
          return arg;
        }
        return node(ref).output(null, 0);
      }
      if (parts.length == 2) {
        return node(parts[0]).output(null, Integer.parseInt(parts[1]));
      }
      return node(parts[0]).output(parts[1], Integer.parseInt(parts[2]));
    }

    private InlinedNode node(String name) {
      InlinedNode b = built.get(name);
      if (b != null) {
        return b;
      }
      NodeDef def = nodes.get(name);
      if (def == null) {
        throw new ModelException(
            "function '" + fn.getSignature().getName() + "' refers to unknown node '" + name + "'");
      }
      List<Output<?>> inputs = new ArrayList<>();
      List<Operation> controls = new ArrayList<>(inheritedControls);
      for (String in : def.getInputList()) {
        if (in.startsWith("^")) {
          controls.addAll(node(in.substring(1)).controlOps());
        } else {
          inputs.add(resolve(in));
        }
      }
      String nodePath = path + "/" + name;
      if (CALL_OPS.contains(def.getOp()) || library.containsKey(def.getOp())) {
        String callee =
            CALL_OPS.contains(def.getOp())
                ? def.getAttrOrThrow("f").getFunc().getName()
                : def.getOp();
        b =
            new InlinedNode(
                null, inlineCall(callee, inputs, controls, nodePath), library.get(callee));
      } else {
        GraphOperation op =
            (GraphOperation) buildOp(def, prefix + "/" + nodePath, inputs, controls);
        created.put(nodePath, op);
        b = new InlinedNode(op, null, null);
      }
      built.put(name, b);
      return b;
    }
  }
}
