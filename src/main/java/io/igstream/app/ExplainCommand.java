package io.igstream.app;

import io.igstream.model.ExplainedEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code igstream explain}: attributions for every event of a JSON Lines file. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains every event of a JSON Lines file with Integrated Gradients.",
      "Input lines: {\"id\": \"e1\", \"features\": [numbers]} (optional \"score\", \"baseline\").",
      "Output lines: id, attributions, prediction, baselinePrediction, completenessError, steps,"
          + " method, toleranceMet, ... (the AttributionEvent field names).",
      "Default method: auto: exact_piecewise on ReLU networks under a smooth head (the path cut"
          + " at its breakpoints, each linear region integrated exactly), else adaptive (refines each"
          + " event until |completenessError| <= max(tolerance, rel-tolerance*|F(x)-F(x')|) and the"
          + " attributions stop changing, within --max-steps)."
    })
final class ExplainCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin ModelOptions model;

  @Option(
      names = "--input",
      paramLabel = "IN.jsonl",
      description = "Events to explain. Optional with --model demo (synthetic events are made).")
  Optional<Path> input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT.jsonl",
      description = "Where to write attribution events ('-' for standard output).")
  String output;

  @Option(
      names = "--events",
      defaultValue = "1000",
      description = "With --model demo and no --input: how many synthetic events (default 1000).")
  int events;

  @Mixin ExplainOptions explainOptions;

  @Option(
      names = "--batch-size",
      defaultValue = "256",
      description = "Events explained together (one model run covers events x steps).")
  int batchSize;

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1) {
      throw new CliException("--batch-size must be at least 1");
    }
    Path modelDir = model.resolveDirectory();
    ModelSpec spec = explainOptions.apply(ModelSpecReader.forModel(modelDir, model.spec));
    Path in = input.orElseGet(() -> DemoModel.events(model, events));
    PrintWriter err = command.commandLine().getErr();
    try (ModelExplainer explainer = ModelExplainer.open(modelDir, spec)) {
      EventFile file = new EventFile(in, explainer.featureCount());
      int total = file.validate();
      long start = System.nanoTime();
      int[] done = {0};
      int[] missed = {0};
      ProgressBar progress = ProgressBar.onTerminal(total);
      writeAtomically(
          output,
          out ->
              file.forEachBatch(
                  batchSize,
                  batch -> {
                    List<ExplainedEvent> explained = explainer.explain(batch);
                    for (ExplainedEvent e : explained) {
                      writeLine(out, AttributionJson.toLine(e));
                      missed[0] += e.toleranceMet() ? 0 : 1;
                    }
                    done[0] += batch.size();
                    progress.update(done[0]);
                  }));
      double seconds = (System.nanoTime() - start) / 1e9;
      err.printf(
          "explained %d events in %.2f s (%.0f events/s); %d outside tolerance%s -> %s%n",
          done[0],
          seconds,
          done[0] / Math.max(seconds, 1e-9),
          missed[0],
          missed[0] == 0 ? "" : " (marked toleranceMet=false; raise --max-steps to refine more)",
          output);
    }
    return 0;
  }

  /** Writes to a temp file renamed into place, so a failure never leaves half an output. */
  private static void writeAtomically(String output, WriterBody body) throws IOException {
    if ("-".equals(output)) {
      Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
      body.write(out);
      out.flush();
      return;
    }
    Path target = Path.of(output).toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), ".igstream-", ".partial");
    try {
      try (Writer out = Files.newBufferedWriter(tmp)) {
        body.write(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeLine(Writer out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface WriterBody {
    void write(Writer out) throws IOException;
  }
}
