package io.igstream.app.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference is the one generated from the code, not a stale copy. */
class ConfigReferenceDocTest {
  @Test
  void shouldKeepTheReadmeReferenceInStepWithTheCode() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertTrue(
        readme.contains(ExplainerAppConfig.markdownReference()),
        "README.md's configuration reference is stale: paste the output of"
            + " bin/igstream run --print-config-reference");
  }
}
