package io.igstream.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoriesTest {
  @TempDir Path workDir;

  @Test
  void shouldReplaceAnExistingModelAndLeaveNoSiblingsBehind() throws IOException {
    Path target = workDir.resolve("model");
    Files.createDirectories(target.resolve("variables"));
    Files.writeString(target.resolve("old.txt"), "old");
    Path staging = ModelDirectories.createStaging(target);
    Files.writeString(staging.resolve("new.txt"), "new");

    ModelDirectories.replace(staging, target);

    assertEquals("new", Files.readString(target.resolve("new.txt")));
    assertFalse(Files.exists(target.resolve("old.txt")));
    assertFalse(Files.exists(staging));
    try (Stream<Path> siblings = Files.list(workDir)) {
      assertEquals(List.of(target), siblings.toList());
    }
  }

  @Test
  void shouldStageBesideTheTarget() throws IOException {
    Path target = workDir.resolve("nested").resolve("model");
    Path staging = ModelDirectories.createStaging(target);
    assertEquals(target.getParent(), staging.getParent());
    assertTrue(Files.isDirectory(staging));
    assertFalse(FraudModelTrainer.isComplete(staging));
  }
}
