package io.igstream.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@link CrashableExplainerMain} in its own JVM, its stdout and stderr in one log file
 * (one file per run, so the failure message can show what each run said).
 */
final class ExplainerChild implements AutoCloseable {
  private static final Pattern STATUS =
      Pattern.compile("STATUS state=(\\w+) buffered=(-?\\d+) in=(\\d+) out=(\\d+) dlq=(\\d+)");

  /** The last status line of a run. */
  record Status(String state, long buffered, long in, long out, long deadLettered) {
    boolean runningAndEmpty() {
      return state.equals("RUNNING") && buffered == 0;
    }
  }

  private final Process process;
  private final Path log;
  private final long startedNanos = System.nanoTime();

  private ExplainerChild(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the child on this JVM's class path (test classes included); returns at once. */
  static ExplainerChild start(Path log, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Xss4m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashableExplainerMain.class.getName());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    try {
      return new ExplainerChild(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The last status the child printed, or null if none yet. */
  Status status() {
    List<Status> all = statuses();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /**
   * The most events this run held in its buffer before it read any input: what it restored from the
   * changelog (always 0 for the in-memory buffer).
   */
  long restoredBuffered() {
    return statuses().stream()
        .takeWhile(s -> s.in() == 0)
        .mapToLong(Status::buffered)
        .max()
        .orElse(0);
  }

  private List<Status> statuses() {
    List<Status> all = new ArrayList<>();
    for (String line : lines()) {
      Matcher m = STATUS.matcher(line);
      if (m.find()) {
        all.add(
            new Status(
                m.group(1),
                Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5))));
      }
    }
    return all;
  }

  /**
   * Waits until the last status satisfies {@code condition}; fails if the child dies or times out.
   */
  Duration awaitStatus(String what, Predicate<Status> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Status s = status();
      if (s != null && condition.test(s)) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "child exited (" + process.exitValue() + ") before " + what + ", last status " + s);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child not " + what + " within " + timeout + ", last status " + s);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  /** SIGKILL: no shutdown hook, no close, no last commit. */
  void killHard() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("child still alive 30 s after destroyForcibly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while killing the child", e);
    }
  }

  /** SIGTERM: the child closes Kafka Streams, committing what it has processed, and exits. */
  void stopGracefully() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("child still alive 60 s after SIGTERM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while stopping the child", e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** The last {@code n} lines of the log, for failure messages. */
  String tail(int n) {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private List<String> lines() {
    try {
      // Lenient decoding: native libraries may print bytes that are not UTF-8.
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e + ")");
    }
  }

  /** Kills the child if alive; never throws, so that every child of a failed test gets killed. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      // Interrupted by a test timeout: the SIGKILL is sent; keep the flag for the caller.
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
