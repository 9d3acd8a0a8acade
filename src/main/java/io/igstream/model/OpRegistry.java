package io.igstream.model;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.OpList;

/**
 * Every OpDef registered in the native library, read once. The inliner needs them to group a
 * NodeDef's flat inputs into argument lists and to turn {@code node:output_arg:index} into a flat
 * output index.
 */
final class OpRegistry {
  private static volatile Map<String, OpDef> ops;

  private OpRegistry() {}

  static OpDef get(String type) {
    OpDef def = all().get(type);
    if (def == null) {
      throw new ModelException(
          "op type '"
              + type
              + "' is not registered in this TensorFlow build; the model needs a newer or"
              + " custom-op TensorFlow");
    }
    return def;
  }

  private static Map<String, OpDef> all() {
    Map<String, OpDef> local = ops;
    if (local == null) {
      synchronized (OpRegistry.class) {
        local = ops;
        if (local == null) {
          local = load();
          ops = local;
        }
      }
    }
    return local;
  }

  private static Map<String, OpDef> load() {
    TF_Buffer buffer = tensorflow.TF_GetAllOpList();
    try {
      byte[] bytes = new byte[(int) buffer.length()];
      new BytePointer(buffer.data()).capacity(buffer.length()).get(bytes);
      Map<String, OpDef> byName = new HashMap<>();
      for (OpDef def : OpList.parseFrom(bytes).getOpList()) {
        byName.put(def.getName(), def);
      }
      return Map.copyOf(byName);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelException("cannot parse TensorFlow's registered op list", e);
    } finally {
      tensorflow.TF_DeleteBuffer(buffer);
    }
  }
}
