package io.igstream.app;

import io.igstream.model.DeviceProbe;
import io.igstream.model.GpuAvailability;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code igstream devices}: what TensorFlow sees here. Loading TensorFlow once is also how the
 * images unpack its native library into their cache at build time.
 */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = {
      "Loads TensorFlow and reports its version, which native build is on the class path and",
      "whether a GPU is usable (the check igstream.device=gpu makes at start-up)."
    })
final class DevicesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(names = "--require-gpu", description = "Exit 1 unless a GPU is usable.")
  boolean requireGpu;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    GpuAvailability a = DeviceProbe.probe();
    out.printf(
        "TensorFlow %s, native build: %s%n%s%nGPU usable: %s%n",
        a.tensorflowVersion(), a.gpuNativeBuild() ? "gpu" : "cpu", a.detail(), a.usable());
    if (!a.usable()) {
      out.println("missing: " + a.missing());
    }
    out.flush();
    return requireGpu && !a.usable() ? 1 : 0;
  }
}
