package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicePlacementTest {
  private static final GpuAvailability CPU_BUILD = new GpuAvailability(false, false, "2.18", "x");
  private static final GpuAvailability NO_DEVICE =
      new GpuAvailability(true, false, "2.18", "no devices matching /device:GPU:0");
  private static final GpuAvailability GPU = new GpuAvailability(true, true, "2.18", "ok");

  private static Supplier<GpuAvailability> never() {
    return () -> {
      throw new AssertionError("a CPU placement must not probe for a GPU");
    };
  }

  @Test
  void shouldRunOnCpuWithoutProbingWhenCpuIsAskedFor() {
    DevicePlacement p = DevicePlacement.decide(Device.CPU, false, never());
    assertEquals(Device.CPU, p.device());
    assertTrue(p.warning().isEmpty());
  }

  @Test
  void shouldFallBackToCpuWithAWarningNamingTheClassifierOnACpuBuild() {
    DevicePlacement p = DevicePlacement.decide(Device.GPU, false, () -> CPU_BUILD);
    assertEquals(Device.CPU, p.device());
    String w = p.warning().orElseThrow();
    assertTrue(w.contains("RUNNING ON CPU"), w);
    assertTrue(w.contains("linux-x86_64-gpu") && w.contains("-Pgpu"), w);
  }

  @Test
  void shouldRefuseToStartWhenAGpuIsRequiredOnACpuBuild() {
    ModelException e =
        assertThrows(
            ModelException.class, () -> DevicePlacement.decide(Device.GPU, true, () -> CPU_BUILD));
    assertTrue(e.getMessage().contains("CPU-only TensorFlow native library"), e.getMessage());
    assertTrue(e.getMessage().contains("igstream.require.gpu=true"), e.getMessage());
  }

  @Test
  void shouldNameTheMissingDeviceWhenTheGpuBuildSeesNone() {
    ModelException e =
        assertThrows(
            ModelException.class, () -> DevicePlacement.decide(Device.GPU, true, () -> NO_DEVICE));
    assertTrue(e.getMessage().contains("sees no GPU device"), e.getMessage());
    assertTrue(e.getMessage().contains("no devices matching /device:GPU:0"), e.getMessage());
    assertFalse(e.getMessage().contains("CPU-only"), e.getMessage());
  }

  @Test
  void shouldPlaceOnGpuWhenOneIsUsable() {
    DevicePlacement p = DevicePlacement.decide(Device.GPU, true, () -> GPU);
    assertEquals(Device.GPU, p.device());
    assertTrue(p.warning().isEmpty());
  }

  @Test
  void shouldRejectRequiringAGpuWhileAskingForCpu() {
    assertThrows(ModelException.class, () -> DevicePlacement.decide(Device.CPU, true, never()));
  }

  @Test
  void shouldParseDevicesAndNameTheAcceptedValues() {
    assertEquals(Device.GPU, Device.parse(" GPU "));
    assertEquals(Device.CPU, Device.parse("cpu"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
    assertTrue(e.getMessage().contains("'cpu' or 'gpu'"), e.getMessage());
  }

  /** Which native jar the class path carries, read from the class path itself. */
  static boolean gpuJarOnClassPath() {
    return System.getProperty("java.class.path")
        .contains("tensorflow-core-native-1.1.0-linux-x86_64-gpu");
  }

  /**
   * No GPU on the build machines: the CPU build (CI) must say so, and so must the -Pgpu build
   * (which then names the missing device rather than the classifier).
   */
  @Test
  void shouldReportNoUsableGpuHereAndWhichNativeBuildThisIs() {
    GpuAvailability a = DeviceProbe.probe();
    assertEquals(gpuJarOnClassPath(), a.gpuNativeBuild(), "native build detection");
    assertFalse(a.gpuVisible(), a.detail());
    assertFalse(a.usable());
    assertTrue(a.tensorflowVersion().startsWith("2."), a.tensorflowVersion());
    assertTrue(a.detail().contains("CPU:0"), "TensorFlow's device list: " + a.detail());
    DevicePlacement p = DevicePlacement.decide(Device.GPU, false, DeviceProbe::probe);
    assertEquals(Device.CPU, p.device());
    String w = p.warning().orElseThrow();
    assertTrue(w.contains(gpuJarOnClassPath() ? "sees no GPU device" : "CPU-only"), w);
  }

  @Test
  void shouldLoadAndRunAModelPinnedToCpu(@TempDir Path dir) throws Exception {
    GraphFixtures.float64Tanh(dir);
    try (SavedModel cpu = SavedModel.load(dir, SavedModel.DEFAULT_TAG, Device.CPU)) {
      assertFalse(cpu.signatures().isEmpty());
      ProbeResult r = cpu.probe(cpu.signatures().get(0).key());
      assertTrue(r.ok(), "the gradient runs on the CPU-pinned session: " + r.message());
    }
  }
}
