package io.igstream.app.models;

import io.igstream.model.Device;
import io.igstream.model.ExplainedEvent;
import io.igstream.model.InputEvent;
import io.igstream.model.ModelExplainer;
import io.igstream.spec.ModelSpec;
import io.igstream.spec.ModelSpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one candidate directory and proves it can serve before it is offered to the stream: the
 * spec agrees with the TF Serving path, the SavedModel loads, its gradient graph builds, its
 * reason-code table fits, and one probe event (all features zero) is explained to finite numbers.
 */
final class ModelLoading {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLoading.class);

  private ModelLoading() {}

  /**
   * The opened explainer; the caller closes it.
   *
   * @throws RuntimeException whose message says why the directory cannot be served
   */
  static ModelExplainer open(ModelCandidate c, Device device) {
    ModelExplainer explainer = ModelExplainer.open(c.dir(), spec(c), device);
    try {
      probe(explainer);
      LOG.info(
          "model {} ({}) is explained with {}{}",
          explainer.spec().name(),
          c.dir(),
          explainer.integrationMethod(),
          explainer
              .exactUnavailableReason()
              .map(why -> " (exact not available: " + why + ")")
              .orElse(""));
      return explainer;
    } catch (RuntimeException e) {
      explainer.close();
      throw e;
    }
  }

  /**
   * A listed directory's spec as today; under the root, the path names the model and version, and a
   * spec that names others is refused (a forgotten version bump must not be served as the wrong
   * version).
   */
  static ModelSpec spec(ModelCandidate c) {
    if (c.layoutName().isEmpty()) {
      return ModelSpecReader.forModel(c.dir(), Optional.empty());
    }
    String name = c.layoutName().get();
    String version = c.layoutVersion().orElseThrow();
    ModelSpec spec = ModelSpec.defaults(name);
    for (String file : List.of(ModelSpecReader.SPEC_FILE, ModelSpecReader.VERTEX_FILE)) {
      if (Files.isRegularFile(c.dir().resolve(file))) {
        spec = ModelSpecReader.read(c.dir().resolve(file), name);
        break;
      }
    }
    if (!spec.name().equals(name)) {
      throw new IllegalArgumentException(
          "its spec names model '" + spec.name() + "' but the directory is " + where(c));
    }
    if (spec.version().isPresent() && !spec.version().get().equals(version)) {
      throw new IllegalArgumentException(
          "its spec says version '"
              + spec.version().get()
              + "' but the directory is "
              + where(c)
              + ": fix the spec's version or the directory name");
    }
    return spec.withVersion(version);
  }

  private static String where(ModelCandidate c) {
    Path dir = c.dir();
    return "<root>/" + dir.getParent().getFileName() + "/" + dir.getFileName();
  }

  private static void probe(ModelExplainer explainer) {
    double[] zeros = new double[explainer.featureCount()];
    List<ExplainedEvent> out = explainer.explain(List.of(InputEvent.of("igstream-probe", zeros)));
    ExplainedEvent e = out.get(0);
    boolean finite = Double.isFinite(e.prediction()) && Double.isFinite(e.baselinePrediction());
    for (double a : e.attributions()) {
      finite &= Double.isFinite(a);
    }
    if (!finite) {
      throw new IllegalStateException(
          "a probe event with all features 0 gave a non-finite explanation (prediction "
              + e.prediction()
              + ")");
    }
  }
}
