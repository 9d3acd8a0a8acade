package io.igstream.app;

import io.igstream.model.ModelException;
import io.igstream.spec.SpecException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/igstream}: parses the command line and turns failures into advice. */
@Command(
    name = "igstream",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Integrated Gradients explanations for TensorFlow SavedModels, offline and on Kafka.",
    footer = {
      "",
      "The launcher also runs the test suite: bin/igstream test (installs what the tests need).",
      "Environment: IGSTREAM_HOME (generated models and events, default ./work),",
      "IGSTREAM_JAVA_OPTS (JVM options), IGSTREAM_DEBUG=1 (stack traces on errors)."
    },
    subcommands = {
      InspectCommand.class,
      ExplainCommand.class,
      ProfileCommand.class,
      DemoCommand.class,
      RunCommand.class,
      DemoModelCommand.class,
      DevicesCommand.class,
      ReplayDlqCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("igstream " + commandLine.getCommandName() + ": " + describe(e));
          if (System.getenv("IGSTREAM_DEBUG") != null) {
            e.printStackTrace(err);
          }
          return 1;
        });
    return cli.execute(args);
  }

  /** The message a user sees: our own errors verbatim, anything else with a hint. */
  static String describe(Throwable e) {
    if (e instanceof CliException
        || e instanceof ModelException
        || e instanceof SpecException
        || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    return "unexpected "
        + e.getClass().getSimpleName()
        + ": "
        + e.getMessage()
        + " (set IGSTREAM_DEBUG=1 for the stack trace, and please report it)";
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"igstream " + (v == null ? "dev" : v) + " (TensorFlow Java 1.1.0)"};
    }
  }
}
