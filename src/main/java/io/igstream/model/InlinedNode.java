package io.igstream.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.OpDef;

/**
 * A function-body node once inlined: either one op, or the results of an inlined nested call
 * ({@code op} null). Resolves FunctionDef references {@code node:output_arg:index}.
 */
record InlinedNode(GraphOperation op, List<Output<?>> callResults, FunctionDef callee) {

  Output<?> output(String argName, int index) {
    if (callResults != null) {
      int base = 0;
      if (argName != null && !argName.equals("output")) { // direct function-op: named rets
        List<OpDef.ArgDef> rets = callee.getSignature().getOutputArgList();
        while (base < rets.size() && !rets.get(base).getName().equals(argName)) {
          base++;
        }
      }
      return callResults.get(base + index);
    }
    if (argName == null) {
      return op.output(index);
    }
    // The index counts within the named output arg: add the lengths of the args before it.
    int flat = 0;
    for (OpDef.ArgDef arg : OpRegistry.get(op.type()).getOutputArgList()) {
      if (arg.getName().equals(argName)) {
        return op.output(flat + index);
      }
      flat += op.outputListLength(arg.getName());
    }
    throw new ModelException("op '" + op.name() + "' has no output arg '" + argName + "'");
  }

  List<Operation> controlOps() {
    if (op != null) {
      return List.of(op);
    }
    List<Operation> ops = new ArrayList<>();
    for (Output<?> o : callResults) {
      ops.add(o.op());
    }
    return ops;
  }
}
