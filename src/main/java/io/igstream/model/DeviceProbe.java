package io.igstream.model;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * Asks TensorFlow whether a GPU is usable: checks which native library is on the class path, then
 * lists the devices of a fresh session ({@code TF_SessionListDevices}). A CPU build, a missing
 * driver, CUDA or cuDNN, or no visible device all leave no {@code GPU} device in that list.
 */
public final class DeviceProbe {
  static final String CPU_CLASSIFIER = "linux-x86_64";
  static final String GPU_CLASSIFIER = "linux-x86_64-gpu";
  private static final String NATIVE_DIR = "org/tensorflow/internal/c_api/";
  private static final int TF_OK = 0;

  private DeviceProbe() {}

  /** Probes this process (loads TensorFlow if it is not loaded yet; milliseconds afterwards). */
  public static GpuAvailability probe() {
    String version = TensorFlow.version();
    List<String> devices = new ArrayList<>();
    boolean gpu = false;
    TF_Status status = TF_NewStatus();
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions options = TF_NewSessionOptions();
    TF_Session session = TF_NewSession(graph, options, status);
    try {
      if (TF_GetCode(status) != TF_OK) {
        return new GpuAvailability(
            nativeBuildIsGpu(), false, version, "no session: " + TF_Message(status).getString());
      }
      TF_DeviceList list = TF_SessionListDevices(session, status);
      try {
        for (int i = 0; i < TF_DeviceListCount(list); i++) {
          String type = TF_DeviceListType(list, i, status).getString();
          devices.add(TF_DeviceListName(list, i, status).getString());
          gpu |= "GPU".equals(type);
        }
      } finally {
        TF_DeleteDeviceList(list);
      }
    } finally {
      if (session != null && !session.isNull()) {
        TF_CloseSession(session, status);
        TF_DeleteSession(session, status);
      }
      TF_DeleteSessionOptions(options);
      TF_DeleteGraph(graph);
      TF_DeleteStatus(status);
    }
    String detail = (gpu ? "" : "no GPU device; ") + "TensorFlow lists " + devices;
    return new GpuAvailability(nativeBuildIsGpu(), gpu, version, detail);
  }

  /** Whether the JNI library on the class path is the GPU classifier's. */
  static boolean nativeBuildIsGpu() {
    ClassLoader cl = DeviceProbe.class.getClassLoader();
    return cl.getResource(NATIVE_DIR + GPU_CLASSIFIER + "/libjnitensorflow.so") != null;
  }
}
