package io.igstream.model;

import io.igstream.explain.KinkLayer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;

/**
 * Decides from the (inlined) graph whether the target is a piecewise-affine function of the input
 * up to a smooth head, the condition of the exact method, and if so where its kinks are.
 *
 * <p>Every op on a path from the input to the target must be one of:
 *
 * <ul>
 *   <li>affine in its inputs on the path: Identity, Add/AddV2/Sub/Neg/AddN, BiasAdd, reshaping,
 *       concatenation, slicing and gathering, Sum/Mean, float Cast, and, with exactly one input on
 *       the path (the other a weight or constant), MatMul, Mul, Conv2D and RealDiv by a constant;
 *       inference-time batch norm (FusedBatchNorm with is_training false, or Mul/Add by variables)
 *       and dropout (Identity) are of this kind;
 *   <li>a kink: Relu, LeakyRelu (slope changes at 0), Relu6 (at 0 and 6);
 *   <li>the smooth head: Sigmoid, Softmax, LogSoftmax, Tanh, Log, Exp, Softplus, or an affine op
 *       with several inputs on the path (a product of two path tensors).
 * </ul>
 *
 * and no kink and no weight-applying op (MatMul, Conv2D, BiasAdd) may come after a smooth op: a
 * smooth op followed by more layers is a smooth HIDDEN layer (tanh, GELU), on which the path is not
 * piecewise affine. The head is scalar when every smooth op acts on one value per row.
 */
final class PiecewiseAnalysis {

  /** The outcome: either kinks (in topological order) or the reason the graph does not qualify. */
  record Verdict(
      boolean qualifies,
      String reason,
      List<Output<?>> preactivations,
      List<KinkLayer> layers,
      boolean scalarHead) {
    static Verdict no(String reason) {
      return new Verdict(false, reason, List.of(), List.of(), false);
    }
  }

  private static final Set<String> AFFINE =
      Set.of(
          "Identity",
          "IdentityN",
          "Snapshot",
          "Add",
          "AddV2",
          "Sub",
          "Neg",
          "AddN",
          "BiasAdd",
          "Reshape",
          "ConcatV2",
          "Concat",
          "Squeeze",
          "ExpandDims",
          "Transpose",
          "StridedSlice",
          "Slice",
          "GatherV2",
          "Gather",
          "Pack",
          "Unpack",
          "Split",
          "SplitV",
          "Sum",
          "Mean",
          "Pad",
          "PadV2",
          "Cast",
          "Tile",
          "BroadcastTo",
          "FusedBatchNorm",
          "FusedBatchNormV2",
          "FusedBatchNormV3");

  /** Affine when exactly one data input is on the path (the other is a weight or a constant). */
  private static final Set<String> AFFINE_IN_ONE =
      Set.of(
          "MatMul",
          "BatchMatMul",
          "BatchMatMulV2",
          "BatchMatMulV3",
          "Mul",
          "Conv2D",
          "DepthwiseConv2dNative",
          "RealDiv",
          "Div",
          "DivNoNan");

  private static final Set<String> WEIGHT_APPLYING =
      Set.of(
          "MatMul",
          "BatchMatMul",
          "BatchMatMulV2",
          "BatchMatMulV3",
          "Conv2D",
          "DepthwiseConv2dNative",
          "BiasAdd");
  private static final Set<String> SMOOTH =
      Set.of("Sigmoid", "Softmax", "LogSoftmax", "Tanh", "Log", "Exp", "Softplus", "Log1p");
  private static final Map<String, double[]> KINKS =
      Map.of(
          "Relu", new double[] {0},
          "LeakyRelu", new double[] {0},
          "Relu6", new double[] {0, 6});

  private final GraphOperation input;
  private final Map<GraphOperation, Boolean> onPath = new HashMap<>();
  private final Map<GraphOperation, Integer> depth = new HashMap<>();
  private final Map<GraphOperation, GraphOperation> smoothAbove = new HashMap<>();

  private PiecewiseAnalysis(GraphOperation input) {
    this.input = input;
  }

  /**
   * Analyses the path from {@code input} to {@code target}; {@code batched}: row 0 is the batch.
   */
  static Verdict analyze(Output<?> input, Output<?> target, boolean batched) {
    PiecewiseAnalysis analysis = new PiecewiseAnalysis((GraphOperation) input.op());
    List<GraphOperation> path = new ArrayList<>();
    for (GraphOperation op : GraphPaths.ancestors(target, analysis.input)) {
      if (!op.equals(analysis.input) && analysis.dependsOnInput(op)) {
        path.add(op);
      }
    }
    path.sort(Comparator.comparingInt(analysis::depth).thenComparing(GraphOperation::name));
    return analysis.judge(path, batched);
  }

  private Verdict judge(List<GraphOperation> path, boolean batched) {
    List<Output<?>> preactivations = new ArrayList<>();
    List<KinkLayer> layers = new ArrayList<>();
    boolean scalarHead = true;
    for (GraphOperation op : path) {
      String type = op.type();
      GraphOperation smooth = smoothInputs(op);
      int inputsOnPath = inputsOnPath(op);
      boolean product = AFFINE_IN_ONE.contains(type) && inputsOnPath > 1;
      boolean divides = type.endsWith("Div") || type.equals("DivNoNan");
      if (divides && !dependsOnInput(op.input(0).op())) {
        product = true; // a path tensor in the denominator: smooth, not affine
      }
      if (KINKS.containsKey(type) || WEIGHT_APPLYING.contains(type)) {
        if (smooth != null) {
          return Verdict.no(
              describe(op)
                  + " comes after the smooth "
                  + describe(smooth)
                  + ": a smooth hidden layer (e.g. tanh, GELU) is not piecewise affine");
        }
      }
      if (KINKS.containsKey(type)) {
        Output<?> pre = op.input(0);
        int units = rowSize(pre.shape(), batched);
        if (units < 1) {
          return Verdict.no(
              describe(op) + " has input shape " + pre.shape() + ": its width is not static");
        }
        preactivations.add(pre);
        layers.add(new KinkLayer(op.name(), units, KINKS.get(type)));
        continue;
      }
      if (SMOOTH.contains(type) || product) {
        smoothAbove.put(op, op);
        scalarHead &= !product && onePerRow(op, batched);
        continue;
      }
      if (smooth != null) {
        smoothAbove.put(op, smooth);
      }
      if (!AFFINE.contains(type) && !AFFINE_IN_ONE.contains(type)) {
        return Verdict.no(
            describe(op) + " is on the path and is neither piecewise affine nor a smooth head op");
      }
      if (type.startsWith("FusedBatchNorm") && op.attributes().getAttrBool("is_training")) {
        return Verdict.no(describe(op) + " normalises in training mode");
      }
    }
    return new Verdict(true, "", List.copyOf(preactivations), List.copyOf(layers), scalarHead);
  }

  private boolean dependsOnInput(org.tensorflow.Operation operation) {
    GraphOperation op = (GraphOperation) operation;
    if (op.equals(input)) {
      return true;
    }
    Boolean known = onPath.get(op);
    if (known != null) {
      return known;
    }
    onPath.put(op, false); // cycles (none in a DAG) would end here
    boolean depends = false;
    for (int i = 0; i < op.numInputs() && !depends; i++) {
      depends = dependsOnInput(op.input(i).op());
    }
    onPath.put(op, depends);
    return depends;
  }

  /** Longest distance from the input: a topological order of the path. */
  private int depth(GraphOperation op) {
    if (op.equals(input)) {
      return 0;
    }
    Integer known = depth.get(op);
    if (known != null) {
      return known;
    }
    int deepest = 0;
    for (int i = 0; i < op.numInputs(); i++) {
      GraphOperation in = (GraphOperation) op.input(i).op();
      if (dependsOnInput(in)) {
        deepest = Math.max(deepest, depth(in) + 1);
      }
    }
    depth.put(op, deepest);
    return deepest;
  }

  private int inputsOnPath(GraphOperation op) {
    int count = 0;
    for (int i = 0; i < op.numInputs(); i++) {
      if (dependsOnInput(op.input(i).op())) {
        count++;
      }
    }
    return count;
  }

  /** A smooth op above {@code op} on the path, or null (inputs are analysed first). */
  private GraphOperation smoothInputs(GraphOperation op) {
    for (int i = 0; i < op.numInputs(); i++) {
      GraphOperation found = smoothAbove.get((GraphOperation) op.input(i).op());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private boolean onePerRow(GraphOperation op, boolean batched) {
    for (int i = 0; i < op.numInputs(); i++) {
      if (dependsOnInput(op.input(i).op()) && rowSize(op.input(i).shape(), batched) != 1) {
        return false;
      }
    }
    return true;
  }

  /** Values per row of a tensor of static shape {@code shape}, or -1 when not static. */
  private static int rowSize(Shape shape, boolean batched) {
    if (shape.isUnknown()) {
      return -1;
    }
    long size = 1;
    for (int i = batched ? 1 : 0; i < shape.numDimensions(); i++) {
      if (shape.get(i) < 0) {
        return -1;
      }
      size *= shape.get(i);
    }
    return (int) size;
  }

  private static String describe(GraphOperation op) {
    return op.type() + " '" + op.name() + "'";
  }
}
