package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.igstream.app.dashboard.DashboardSettings;
import io.igstream.app.models.ModelSources;
import io.igstream.model.Device;
import io.igstream.stream.ExplainerStreamConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceBatchTest {
  private static final ExplainerRuntime.Settings SETTINGS =
      new ExplainerRuntime.Settings(
          "a",
          "b:1",
          Map.of(),
          ModelSources.fixed(List.of(Path.of("m"))),
          ExplainerStreamConfig.fromMap(Map.of(ExplainerStreamConfig.BATCH_SIZE_CONFIG, "64")),
          "127.0.0.1",
          0,
          DashboardSettings.defaults());

  private static int batch(Device device, int gpuBatch) {
    return ExplainerRuntime.withDeviceBatch(SETTINGS, device, gpuBatch).stream().batchSize();
  }

  @Test
  void shouldUseTheGpuBatchSizeOnlyOnAGpu() {
    assertEquals(1024, batch(Device.GPU, 1024));
    assertEquals(64, batch(Device.CPU, 1024), "a fallback to CPU keeps the CPU batch size");
    assertEquals(64, batch(Device.GPU, 0), "0: the default batch size on GPU too");
    ExplainerRuntime.Settings gpu = ExplainerRuntime.withDeviceBatch(SETTINGS, Device.GPU, 512);
    assertEquals(
        SETTINGS.stream()
            .withTopics("predictions", "attributions", "predictions-dlq")
            .flushInterval(),
        gpu.stream().flushInterval());
    assertEquals(SETTINGS.stream().selection(), gpu.stream().selection());
    assertEquals(SETTINGS.models(), gpu.models());
  }
}
