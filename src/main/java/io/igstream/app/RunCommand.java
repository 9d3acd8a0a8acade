package io.igstream.app;

import io.igstream.app.config.ConfigSources;
import io.igstream.app.config.ExplainerAppConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code igstream run}: the explainer against an existing cluster and registry. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the streaming explainer against an existing Kafka cluster and Schema Registry.",
      "Settings come from a properties file; IGSTREAM_<KEY> environment variables override",
      "any key (igstream.explain.batch.size <- IGSTREAM_EXPLAIN_BATCH_SIZE) and",
      "IGSTREAM_KAFKA_<KEY> adds Kafka client settings (security.protocol, sasl.jaas.config...).",
      "Every key not igstream's own passes through to the Kafka clients and the registry serde.",
      "--print-config-reference lists every igstream key with its default."
    })
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file.")
  Optional<Path> config;

  @Option(
      names = "--print-config-reference",
      description = "Print the reference of every igstream key (markdown) and exit.")
  boolean printReference;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    if (printReference) {
      out.print(ExplainerAppConfig.markdownReference());
      out.flush();
      return 0;
    }
    ExplainerAppConfig c = load();
    ExplainerRuntime.Settings settings = settings(c);
    CountDownLatch stopped = new CountDownLatch(1);
    try (ExplainerRuntime runtime = ExplainerRuntime.start(settings, c.device())) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.printf(
          "igstream explaining %s -> %s, reason codes -> %s, drift -> %s (dead letters: %s);"
              + " metrics on port %d%nDashboard: %s%s%n",
          c.stream().inputTopic(),
          c.stream().outputTopic(),
          c.stream().reasonCodesTopic(),
          c.stream().drift().enabled() ? c.stream().drift().topic() : "off",
          c.stream().deadLetterTopic(),
          runtime.httpPort(),
          runtime.dashboardUrl(),
          c.dashboard().token().isPresent() ? "?token=<igstream.dashboard.token>" : "");
      while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
        if (!runtime.service().live()) {
          throw new CliException(
              "the stream stopped (state "
                  + runtime.service().state()
                  + "): "
                  + Optional.ofNullable(runtime.service().lastFailure())
                      .map(Throwable::toString)
                      .orElse("see the log above"));
        }
      }
      out.println("igstream: stopping (signal received)");
    }
    return 0;
  }

  /** What {@code run} starts from its validated configuration. */
  static ExplainerRuntime.Settings settings(ExplainerAppConfig c) {
    return new ExplainerRuntime.Settings(
        c.getString(ExplainerAppConfig.APPLICATION_ID_CONFIG),
        c.getString(ExplainerAppConfig.BOOTSTRAP_SERVERS_CONFIG),
        c.streamsClientSettings(),
        c.modelSources(),
        c.stream(),
        c.getString(ExplainerAppConfig.HTTP_HOST_CONFIG),
        c.getInt(ExplainerAppConfig.HTTP_PORT_CONFIG),
        c.dashboard());
  }

  private ExplainerAppConfig load() throws java.io.IOException {
    return load(config.orElse(null));
  }

  /** The settings of {@code run} (also {@code replay-dlq}'s): the file, then the environment. */
  static ExplainerAppConfig load(Path file) throws java.io.IOException {
    try {
      return new ExplainerAppConfig(
          ConfigSources.load(file, System.getenv(), ExplainerAppConfig.DEFINITION.names()));
    } catch (ConfigException e) {
      throw new CliException(
          "invalid configuration: "
              + e.getMessage()
              + " (see bin/igstream run --print-config-reference)");
    }
  }
}
