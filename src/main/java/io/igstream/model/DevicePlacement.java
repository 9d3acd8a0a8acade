package io.igstream.model;

import java.util.Optional;

/**
 * The start-up decision: the device asked for, what the process has, and whether a GPU is required.
 * {@code device=gpu} without a usable GPU falls back to CPU with a warning; with {@code
 * require.gpu=true} it refuses to start, naming what is missing.
 */
public record DevicePlacement(Device device, Optional<String> warning) {

  /** Decides; {@code probe} is only called when a GPU is asked for. */
  public static DevicePlacement decide(
      Device requested, boolean requireGpu, java.util.function.Supplier<GpuAvailability> probe) {
    if (requested == Device.CPU && !requireGpu) {
      return new DevicePlacement(Device.CPU, Optional.empty());
    }
    if (requested == Device.CPU) {
      throw new ModelException(
          "igstream.require.gpu=true contradicts igstream.device=cpu; set igstream.device=gpu");
    }
    GpuAvailability available = probe.get();
    if (available.usable()) {
      return new DevicePlacement(Device.GPU, Optional.empty());
    }
    if (requireGpu) {
      throw new ModelException(
          "igstream.device=gpu with igstream.require.gpu=true, but no GPU is usable: "
              + available.missing());
    }
    return new DevicePlacement(
        Device.CPU,
        Optional.of(
            "igstream.device=gpu but no GPU is usable, RUNNING ON CPU: "
                + available.missing()
                + " (set igstream.require.gpu=true to refuse to start instead)"));
  }
}
