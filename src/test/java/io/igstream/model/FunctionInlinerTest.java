package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.linalg.Qr;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.types.TFloat64;

/**
 * Forward equality of inlined and original calls for the reference forms that are easy to get
 * wrong: an op with several output args (Qr: {@code q}, {@code r}) and a list output (Unpack:
 * {@code output:2} counts within the list), with two function results.
 */
class FunctionInlinerTest {

  @Test
  void shouldComputeTheSameValuesAsTheCallForMultiOutputAndListOps() {
    ConcreteFunction fn =
        ConcreteFunction.create(
            tf -> {
              Placeholder<TFloat64> x =
                  tf.withName("x").placeholder(TFloat64.class, Placeholder.shape(Shape.of(3, 3)));
              Qr<TFloat64> qr = tf.linalg.qr(x);
              Unstack<TFloat64> rows = tf.unstack(qr.r(), 3L);
              return Signature.builder()
                  .key("qr_rows")
                  .input("x", x)
                  .output("r_last", rows.output().get(2))
                  .output("q", qr.q())
                  .build();
            });
    try (fn;
        Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat64> x =
          tf.withName("input").placeholder(TFloat64.class, Placeholder.shape(Shape.of(3, 3)));
      List<Output<?>> called =
          tf.statefulPartitionedCall(
                  List.<Operand<?>>of(x), List.of(TFloat64.class, TFloat64.class), fn)
              .output();
      Map<String, FunctionDef> library = new HashMap<>();
      for (FunctionDef f : g.toGraphDef().getLibrary().getFunctionList()) {
        library.put(f.getSignature().getName(), f);
      }
      FunctionInliner inliner =
          new FunctionInliner(g, library, "inl", Set.of((GraphOperation) x.op()));
      Output<?> first = inliner.rewrite(called.get(0));
      Output<?> second = inliner.rewrite(called.get(1));
      assertNotEquals(called.get(0), first);
      assertTrue(inliner.inlinedOpCount() >= 2, "Qr and Unpack were copied");
      double[] input = {2, -1, 0.5, 1, 3, -2, 0.25, 1, 4};
      try (TFloat64 feed = TFloat64.tensorOf(Shape.of(3, 3), DataBuffers.of(input, true, false));
          Result r =
              s.runner()
                  .feed(x, feed)
                  .fetch(called.get(0))
                  .fetch(called.get(1))
                  .fetch(first)
                  .fetch(second)
                  .run()) {
        assertArrayEquals(values(r, 0), values(r, 2), 1e-12);
        assertArrayEquals(values(r, 1), values(r, 3), 1e-12);
        assertTrue(Math.abs(values(r, 0)[2]) > 1e-3, "the last row of R has a non-zero diagonal");
      }
    }
  }

  private static double[] values(Result r, int i) {
    TFloat64 t = (TFloat64) r.get(i);
    double[] out = new double[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
