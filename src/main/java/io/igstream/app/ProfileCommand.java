package io.igstream.app;

import io.igstream.drift.ProfileAccumulator;
import io.igstream.drift.ReferenceProfile;
import io.igstream.model.ExplainedEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code igstream profile}: explains a JSON Lines file and writes its attribution profile, the
 * reference a streaming explainer compares its drift windows with ({@code
 * igstream.drift.reference}).
 */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Explains every event of a JSON Lines file (the input 'explain' reads) and writes the",
      "attribution profile a streaming explainer compares drift windows with: per feature mean",
      "|attribution|, mean attribution and share. Point igstream.drift.reference at the file."
    })
final class ProfileCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Mixin ModelOptions model;

  @Option(
      names = "--input",
      paramLabel = "IN.jsonl",
      description = "Events to profile. Optional with --model demo (synthetic events are made).")
  Optional<Path> input;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Where to write the profile (default: <model name>-reference-profile.json).")
  Optional<Path> output;

  @Option(
      names = "--events",
      defaultValue = "2000",
      description = "With --model demo and no --input: how many synthetic events (default 2000).")
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
    if (input.isEmpty() && !model.isDemo()) {
      throw new CliException("--input is required: the JSON Lines events to profile");
    }
    Path modelDir = model.resolveDirectory();
    ModelSpec spec = explainOptions.apply(ModelSpecReader.forModel(modelDir, model.spec));
    Path in = input.orElseGet(() -> DemoModel.events(model, events));
    PrintWriter err = command.commandLine().getErr();
    try (ModelExplainer explainer = ModelExplainer.open(modelDir, spec)) {
      EventFile file = new EventFile(in, explainer.featureCount());
      int total = file.validate();
      if (total == 0) {
        throw new CliException(in + " holds no events; a profile needs at least one");
      }
      ProfileAccumulator sums = new ProfileAccumulator(explainer.featureNames());
      ProgressBar progress = ProgressBar.onTerminal(total);
      file.forEachBatch(
          batchSize,
          batch -> {
            for (ExplainedEvent e : explainer.explain(batch)) {
              sums.add(e.attributions());
            }
            progress.update((int) sums.count());
          });
      String name = spec.name();
      ReferenceProfile reference =
          new ReferenceProfile(name, spec.version(), sums.profile(), "profile");
      Path target = output.orElse(Path.of(name + "-reference-profile.json"));
      ReferenceProfileFile.write(reference, target);
      err.printf(
          "profiled %d events of %s -> %s (top shares: %s)%n",
          sums.count(), name, target.toAbsolutePath(), topShares(reference));
    }
    return 0;
  }

  private static String topShares(ReferenceProfile r) {
    int[] ranking = r.profile().ranking();
    double[] share = r.profile().share();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(3, ranking.length); i++) {
      s.append(i == 0 ? "" : ", ")
          .append(r.profile().featureNames().get(ranking[i]))
          .append(String.format(java.util.Locale.ROOT, " %.3f", share[ranking[i]]));
    }
    return s.toString();
  }
}
