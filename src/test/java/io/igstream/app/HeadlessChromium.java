package io.igstream.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless, one process per call, with a fresh profile and without
 * the background networking that would keep it trying hosts it cannot reach.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");

  private final Path profiles;

  HeadlessChromium(Path profiles) {
    this.profiles = profiles;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** The DOM after the page's scripts ran for {@code virtualMillis} of virtual time. */
  String dumpDom(String url, int virtualMillis) throws IOException, InterruptedException {
    return run(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", url));
  }

  void screenshot(String url, Path png, int virtualMillis)
      throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    run(
        List.of(
            "--virtual-time-budget=" + virtualMillis,
            "--hide-scrollbars",
            "--window-size=1400,1000",
            "--screenshot=" + png.toAbsolutePath(),
            url));
    if (!Files.isRegularFile(png)) {
      throw new IOException("chromium wrote no screenshot at " + png);
    }
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(profiles, "chromium-");
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
    command.addAll(args);
    Path stderr = profile.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(command)
            .directory(profile.toFile())
            .redirectError(stderr.toFile())
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish in 120 s: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "chromium exited with " + p.exitValue() + ": " + Files.readString(stderr));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
