package io.igstream.app;

import io.igstream.app.config.ExplainerAppConfig;
import io.igstream.app.kafka.DeadLetterReplay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code igstream replay-dlq}: sends dead letters back to their topic after a fix. */
@Command(
    name = "replay-dlq",
    mixinStandardHelpOptions = true,
    description = {
      "Re-submits the records of the dead-letter topic (igstream.dead.letter.topic) to the topic",
      "each came from, unchanged, once the cause is fixed (a model deployed, a producer fixed).",
      "Reads up to the topic's end at start; records and progress commit in one transaction, so",
      "a second run replays only what was dead-lettered since. Same settings as run."
    })
final class ReplayDlqCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file (as for run).")
  Optional<Path> config;

  @Option(
      names = "--timeout",
      defaultValue = "120",
      description = "Give up after this many seconds (default 120).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    ExplainerAppConfig c = RunCommand.load(config.orElse(null));
    String group = c.getString(ExplainerAppConfig.APPLICATION_ID_CONFIG) + "-replay-dlq";
    DeadLetterReplay.Result r =
        DeadLetterReplay.replay(
            c.passThrough(),
            c.stream().deadLetterTopic(),
            c.stream().inputTopic(),
            group,
            Duration.ofSeconds(timeoutSeconds));
    out.printf(
        "replayed %d dead letter(s) from %s %s%n",
        r.total(), c.stream().deadLetterTopic(), r.byReason());
    out.flush();
    return 0;
  }
}
