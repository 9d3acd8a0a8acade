package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} with a GPU required on this CPU build: exits non-zero before touching Kafka. */
class DeviceStartupTest {
  @TempDir Path dir;

  /** {@code mvn -Pgpu verify} on a machine without a GPU passes too. */
  private static boolean gpuBuild() {
    return System.getProperty("java.class.path")
        .contains("tensorflow-core-native-1.1.0-linux-x86_64-gpu");
  }

  private Path config(String device) throws IOException {
    Path f = dir.resolve("igstream.properties");
    Files.writeString(
        f,
        "igstream.models="
            + dir.resolve("no-model-needed")
            + "\nbootstrap.servers=127.0.0.1:1\nschema.registry.url=http://127.0.0.1:1\n"
            + device);
    return f;
  }

  @Test
  void shouldExitNonZeroNamingTheMissingGpuClassifierWhenAGpuIsRequired() throws IOException {
    CliRunner r =
        CliRunner.run(
            "run",
            "--config",
            config("igstream.device=gpu\nigstream.require.gpu=true\n").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("no GPU is usable"), r.err());
    assertTrue(
        r.err().contains(gpuBuild() ? "sees no GPU device" : "classifier linux-x86_64)"), r.err());
  }

  @Test
  void shouldRejectAnUnknownDeviceNamingTheKey() throws IOException {
    CliRunner r = CliRunner.run("run", "--config", config("igstream.device=tpu\n").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("igstream.device"), r.err());
  }

  /** Falls back: with no GPU it goes on to load the models on CPU (and fails on the bad dir). */
  @Test
  void shouldGoOnToLoadModelsOnCpuWhenAGpuIsOnlyPreferred() throws IOException {
    CliRunner r = CliRunner.run("run", "--config", config("igstream.device=gpu\n").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("no-model-needed"), r.err());
  }

  @Test
  void shouldReportTheCpuBuildAndFailOnlyWhenAGpuIsRequired() {
    CliRunner plain = CliRunner.run("devices");
    assertEquals(0, plain.exitCode(), plain.err());
    assertTrue(plain.out().contains("native build: " + (gpuBuild() ? "gpu" : "cpu")), plain.out());
    assertTrue(plain.out().contains("GPU usable: false"), plain.out());
    assertTrue(plain.out().contains("CPU:0"), "lists TensorFlow's CPU device: " + plain.out());
    CliRunner required = CliRunner.run("devices", "--require-gpu");
    assertEquals(1, required.exitCode());
    assertTrue(required.out().contains("missing: "), required.out());
  }
}
