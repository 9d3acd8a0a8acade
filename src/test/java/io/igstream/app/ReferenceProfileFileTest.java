package io.igstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.drift.AttributionProfile;
import io.igstream.drift.ReferenceProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceProfileFileTest {
  @TempDir Path dir;

  private static ReferenceProfile reference() {
    return new ReferenceProfile(
        "fraud",
        Optional.of("4"),
        AttributionProfile.of(
            List.of("a", "b"), 12, new double[] {0.25, 0.75}, new double[] {-0.1, 0.5}),
        "profile");
  }

  @Test
  void shouldReadBackWhatItWrote() throws IOException {
    Path file = dir.resolve("sub/ref.json");
    ReferenceProfileFile.write(reference(), file);
    ReferenceProfile back = ReferenceProfileFile.read(file);
    assertEquals(reference().profile(), back.profile());
    assertEquals("fraud", back.model());
    assertEquals(Optional.of("4"), back.modelVersion());
    assertEquals("file:" + file.toAbsolutePath(), back.label());
    assertTrue(Files.readString(file).contains("\"version\" : 1"), Files.readString(file));
  }

  @Test
  void shouldNameTheFileAndTheFixForEveryProblem() throws IOException {
    Path file = dir.resolve("ref.json");
    assertMessage(file, "does not exist; make it with bin/igstream profile");
    Files.writeString(file, "{not json");
    assertMessage(file, "is not JSON");
    Files.writeString(file, "{\"format\": \"something-else\"}");
    assertMessage(file, "is not an igstream attribution profile");
    ReferenceProfileFile.write(reference(), file);
    String good = Files.readString(file);
    Files.writeString(file, good.replace("\"version\" : 1", "\"version\" : 2"));
    assertMessage(file, "has format version 2; this igstream reads version 1");
    Files.writeString(
        file,
        good.replace("\"meanAttribution\" : [ -0.1, 0.5 ]", "\"meanAttribution\" : [ -0.1 ]"));
    assertMessage(file, "\"meanAttribution\" must be an array of 2 numbers");
  }

  private static void assertMessage(Path file, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReferenceProfileFile.read(file));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
  }
}
