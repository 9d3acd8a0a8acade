package io.igstream.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;

/**
 * The signatures of one SavedModel and the look-ups that fail with a message saying what exists.
 */
final class SignatureCatalog {
  private final String where;
  private final Map<String, SignatureInfo> byKey = new LinkedHashMap<>();

  SignatureCatalog(String where, List<Signature> signatures) {
    this.where = where;
    signatures.stream()
        .filter(s -> !s.key().startsWith("__")) // __saved_model_init_op and friends
        .sorted(Comparator.comparing(Signature::key))
        .forEach(s -> byKey.put(s.key(), info(s)));
  }

  List<SignatureInfo> all() {
    return List.copyOf(byKey.values());
  }

  SignatureInfo get(String key) {
    SignatureInfo s = byKey.get(key);
    if (s == null) {
      throw new ModelException(
          "signature '"
              + key
              + "' not found in "
              + where
              + "; available: "
              + String.join(", ", byKey.keySet())
              + "; choose one with --signature or in the spec");
    }
    return s;
  }

  /** The input to attribute to: the named one, or the only float input when none is named. */
  TensorInfo attributedInput(SignatureInfo sig, String key) {
    if (key == null) {
      List<TensorInfo> floats = sig.floatInputs();
      if (floats.size() == 1) {
        return floats.get(0);
      }
      if (floats.isEmpty()) {
        throw new ModelException(
            "signature '"
                + sig.key()
                + "' has no float input to attribute to; its inputs: "
                + describe(sig.inputs())
                + "; signatures with a float input: "
                + withFloatInput()
                + "; choose one with --signature or in the spec");
      }
      throw new ModelException(
          "signature '"
              + sig.key()
              + "' has several float inputs ("
              + keys(floats)
              + "); choose the one to attribute to with --input or in the spec");
    }
    TensorInfo in = find(sig.inputs(), key, "input", sig);
    if (!in.isFloat()) {
      throw new ModelException(
          "input '"
              + key
              + "' of signature '"
              + sig.key()
              + "' is "
              + in.dtype()
              + "; only float inputs can be attributed to: "
              + keys(sig.floatInputs()));
    }
    return in;
  }

  /** The named output, or the only output when none is named. */
  TensorInfo output(SignatureInfo sig, String key) {
    if (key == null) {
      if (sig.outputs().size() == 1) {
        return sig.outputs().get(0);
      }
      throw new ModelException(
          "signature '"
              + sig.key()
              + "' has "
              + sig.outputs().size()
              + " outputs ("
              + keys(sig.outputs())
              + "); choose one with --output or in the spec");
    }
    return find(sig.outputs(), key, "output", sig);
  }

  private TensorInfo find(List<TensorInfo> list, String key, String kind, SignatureInfo sig) {
    return list.stream()
        .filter(t -> t.key().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new ModelException(
                    kind
                        + " '"
                        + key
                        + "' not found in signature '"
                        + sig.key()
                        + "' of "
                        + where
                        + "; available: "
                        + keys(list)
                        + "; choose one with --"
                        + kind
                        + " or in the spec"));
  }

  private String withFloatInput() {
    String s =
        byKey.values().stream()
            .filter(x -> !x.floatInputs().isEmpty())
            .map(SignatureInfo::key)
            .collect(Collectors.joining(", "));
    return s.isEmpty() ? "none" : s;
  }

  private static String keys(List<TensorInfo> list) {
    return list.isEmpty()
        ? "none"
        : list.stream().map(TensorInfo::key).collect(Collectors.joining(", "));
  }

  private static String describe(List<TensorInfo> list) {
    return list.isEmpty()
        ? "none"
        : list.stream().map(TensorInfo::toString).collect(Collectors.joining(", "));
  }

  private static SignatureInfo info(Signature s) {
    return new SignatureInfo(
        s.key(), s.methodName(), tensors(s.getInputs()), tensors(s.getOutputs()));
  }

  private static List<TensorInfo> tensors(Map<String, Signature.TensorDescription> map) {
    List<TensorInfo> out = new ArrayList<>();
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Shape shape = e.getValue().shape;
              List<Long> dims = null;
              if (shape != null && !shape.isUnknown()) {
                dims = new ArrayList<>();
                for (int i = 0; i < shape.numDimensions(); i++) {
                  dims.add(shape.get(i));
                }
              }
              out.add(
                  new TensorInfo(
                      e.getKey(), e.getValue().name, e.getValue().dataType.name(), dims));
            });
    return out;
  }
}
