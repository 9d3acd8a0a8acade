package io.igstream.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;

/** A {@link GradientSpec} checked against the model: its signature, input and output found. */
record ResolvedSpec(SignatureInfo sig, TensorInfo in, TensorInfo out) {

  String what() {
    return "output '" + out.key() + "' of signature '" + sig.key() + "'";
  }

  String describe(Target target) {
    return "gradient of " + what() + " (" + target + ") with respect to input '" + in.key() + "'";
  }

  /** The declared shape of a signature tensor, or the graph's static shape when unknown. */
  static Shape shapeOf(TensorInfo info, Output<?> tensor) {
    Shape declared = Differentiator.shape(info);
    return declared.isUnknown() ? tensor.shape() : declared;
  }

  /** Values of one point of {@code info} (unknown dimensions counted as 1, batch left out). */
  static long rowSize(TensorInfo info) {
    if (info.shape() == null) {
      return 1;
    }
    long n = 1;
    for (int i = info.hasBatchDimension() ? 1 : 0; i < info.shape().size(); i++) {
      n *= Math.max(1, info.shape().get(i));
    }
    return n;
  }

  /**
   * Feeds for the side inputs: every given one, and an error for an input {@code result} needs (not
   * looking above {@code fed}) that has no value. {@code attributed} may not be a side input.
   */
  List<Feed> sideFeeds(
      Differentiator graph,
      String attributed,
      boolean rejectAttributed,
      SideInputs values,
      Output<?> result,
      Output<?> fed) {
    for (String k : values.keys()) {
      if (sig.input(k).isEmpty()) {
        throw new ModelException(
            "side input '"
                + k
                + "' is not an input of signature '"
                + sig.key()
                + "'; its inputs: "
                + sig.inputs().stream().map(TensorInfo::key).toList());
      }
      if (rejectAttributed && k.equals(attributed)) {
        throw new ModelException(
            "input '" + k + "' is the attributed input; it cannot also be given as a side input");
      }
    }
    Set<GraphOperation> needed =
        GraphPaths.ancestors(result, fed == null ? null : (GraphOperation) fed.op());
    List<Feed> feeds = new ArrayList<>();
    for (TensorInfo other : sig.inputs()) {
      if (other.key().equals(attributed)) {
        continue;
      }
      Output<?> o = graph.input(other);
      if (values.has(other.key())) {
        feeds.add(Feed.of(other.key(), o, shapeOf(other, o)));
      } else if (needed.contains((GraphOperation) o.op()) && !o.equals(fed)) {
        throw new ModelException(
            "signature '"
                + sig.key()
                + "' input '"
                + other.key()
                + "' ("
                + other.dtype()
                + ", shape "
                + other.shape()
                + ") is needed to compute "
                + what()
                + " but no value was given; pass it as a side input, fixed or per event");
      }
    }
    return feeds;
  }
}
