package io.igstream.model;

/**
 * What this process can run on: whether the TensorFlow native library on the class path is the GPU
 * build (classifier {@code linux-x86_64-gpu}) and whether TensorFlow could place an op on {@code
 * /device:GPU:0}. {@code detail} is TensorFlow's own answer when no GPU was usable.
 */
public record GpuAvailability(
    boolean gpuNativeBuild, boolean gpuVisible, String tensorflowVersion, String detail) {

  /** True when a model can actually run on a GPU here. */
  public boolean usable() {
    return gpuNativeBuild && gpuVisible;
  }

  /** One sentence naming what is missing, or that nothing is. */
  public String missing() {
    if (!gpuNativeBuild) {
      return "this build carries the CPU-only TensorFlow native library (classifier "
          + DeviceProbe.CPU_CLASSIFIER
          + "); build with 'mvn -Pgpu package' (classifier "
          + DeviceProbe.GPU_CLASSIFIER
          + ") or use the GPU image";
    }
    if (!gpuVisible) {
      return "the GPU build of TensorFlow "
          + tensorflowVersion
          + " sees no GPU device (needs an NVIDIA driver, CUDA 12.x and cuDNN 9 and a visible"
          + " device: nvidia.com/gpu limit, NVIDIA_VISIBLE_DEVICES); TensorFlow said: "
          + detail;
    }
    return "nothing: a GPU is usable";
  }
}
