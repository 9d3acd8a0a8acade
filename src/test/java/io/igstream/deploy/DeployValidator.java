package io.igstream.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the node tool {@code tools/validate/validate.js} (Kubernetes/KEDA/Prometheus-operator
 * schemas, dockerfilelint, the Compose schema). {@code bin/igstream test} installs node and the
 * tool's packages ({@code npm ci}); {@link #unavailable()} says what is missing when they are not.
 */
final class DeployValidator {
  static final Path TOOL = Path.of("tools", "validate");
  private static final int MIN_NODE_MAJOR = 18;

  /** Exit code and everything the tool printed (stdout and stderr). */
  record Result(int exitCode, String output) {}

  private DeployValidator() {}

  /** Why the tool cannot run here, or empty when it can. */
  static Optional<String> unavailable() {
    Result version;
    try {
      version = run(List.of("node", "--version"));
    } catch (IOException e) {
      return Optional.of("node is not installed");
    }
    String v = version.output().strip();
    int major = v.matches("v\\d+\\..*") ? Integer.parseInt(v.substring(1, v.indexOf('.'))) : 0;
    if (version.exitCode() != 0 || major < MIN_NODE_MAJOR) {
      return Optional.of("node " + v + " is older than " + MIN_NODE_MAJOR);
    }
    if (!Files.isDirectory(TOOL.resolve("node_modules"))) {
      return Optional.of("the tool's packages are not installed (npm ci in " + TOOL + ")");
    }
    return Optional.empty();
  }

  /** {@code node tools/validate/validate.js ARGS} from the repository root. */
  static Result validate(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", TOOL.resolve("validate.js").toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Runs a command from the repository root, stderr merged; IOException when it cannot start. */
  static Result run(List<String> command) throws IOException {
    return run(new ProcessBuilder(command).redirectErrorStream(true), command);
  }

  /** Runs a command with stderr kept apart: stdout alone is the output, stderr goes to a file. */
  static Result run(List<String> command, Path stderr) throws IOException {
    return run(new ProcessBuilder(command).redirectError(stderr.toFile()), command);
  }

  private static Result run(ProcessBuilder builder, List<String> command) throws IOException {
    Process p = builder.start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command + " did not finish within 60 s");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + command, e);
    }
  }
}
