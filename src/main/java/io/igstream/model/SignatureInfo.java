package io.igstream.model;

import java.util.List;
import java.util.Optional;

/** One signature of a SavedModel with its inputs and outputs, in key order. */
public record SignatureInfo(
    String key, String methodName, List<TensorInfo> inputs, List<TensorInfo> outputs) {

  public SignatureInfo {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public Optional<TensorInfo> input(String inputKey) {
    return inputs.stream().filter(t -> t.key().equals(inputKey)).findFirst();
  }

  public Optional<TensorInfo> output(String outputKey) {
    return outputs.stream().filter(t -> t.key().equals(outputKey)).findFirst();
  }

  /** The inputs that can be attributed to. */
  public List<TensorInfo> floatInputs() {
    return inputs.stream().filter(TensorInfo::isFloat).toList();
  }
}
