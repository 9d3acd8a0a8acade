package io.igstream.model;

import io.igstream.explain.GradientFunction;
import io.igstream.explain.PiecewiseAffineFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * A loaded TensorFlow SavedModel (TF1 graphs and TF2/Keras exports) that hands out {@link
 * GradientFunction}s. Function calls on the path from the attributed input to the output are
 * inlined first (see {@link FunctionInliner}) so that gradients run on Keras models.
 *
 * <p>Thread-safe. {@link #close()} waits for running evaluations; afterwards every use throws
 * {@link IllegalStateException}.
 */
public final class SavedModel implements AutoCloseable {
  public static final String DEFAULT_TAG = "serve";

  private final Path dir;
  private final SavedModelBundle bundle;
  private final SignatureCatalog catalog;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private final Differentiator differentiator;

  private SavedModel(Path dir, SavedModelBundle bundle) {
    this.dir = dir;
    this.bundle = bundle;
    this.catalog = new SignatureCatalog(dir.toString(), bundle.signatures());
    this.differentiator = new Differentiator(bundle.graph());
  }

  public static SavedModel load(Path dir) {
    return load(dir, DEFAULT_TAG);
  }

  /** Loads the meta graph tagged {@code tag} (usually {@code serve}) and restores variables. */
  public static SavedModel load(Path dir, String tag) {
    return load(dir, tag, Device.GPU);
  }

  /**
   * As {@link #load(Path, String)}; {@link Device#CPU} hides every GPU from the model's session (on
   * a GPU build), {@link Device#GPU} lets TensorFlow place ops on a GPU when it has one.
   */
  public static SavedModel load(Path dir, String tag, Device device) {
    if (!Files.isDirectory(dir)) {
      throw new ModelException(
          "model directory "
              + dir.toAbsolutePath()
              + " does not exist; point --model (or the spec) to a SavedModel directory");
    }
    if (!Files.exists(dir.resolve("saved_model.pb"))
        && !Files.exists(dir.resolve("saved_model.pbtxt"))) {
      throw new ModelException(
          dir.toAbsolutePath()
              + " is not a SavedModel: it has no saved_model.pb; point to the directory written by"
              + " tf.saved_model.save, model.export or SavedModelBuilder");
    }
    try {
      SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString()).withTags(tag);
      if (device == Device.CPU) {
        loader = loader.withConfigProto(ConfigProto.newBuilder().putDeviceCount("GPU", 0).build());
      }
      return new SavedModel(dir, loader.load());
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      throw new ModelException(
          "cannot load SavedModel "
              + dir.toAbsolutePath()
              + " with tag '"
              + tag
              + "': "
              + e.getMessage()
              + "; check the tag (saved_model_cli show --dir <dir> lists the tag-sets)",
          e);
    }
  }

  public Path directory() {
    return dir;
  }

  /** The signatures (internal ones such as {@code __saved_model_init_op} left out), by key. */
  public List<SignatureInfo> signatures() {
    ensureOpen();
    return catalog.all();
  }

  public SignatureInfo signature(String key) {
    ensureOpen();
    return catalog.get(key);
  }

  /** {@code F = target(output)} and its gradient with respect to the spec's input. */
  public GradientFunction gradient(GradientSpec spec) {
    return withRead(
        () -> {
          ResolvedSpec r = resolve(spec);
          Differentiator.Result d =
              differentiator.differentiate(r.sig(), r.in(), r.out(), spec.target(), null);
          Feed x = Feed.of(r.in().key(), d.wrt(), ResolvedSpec.shapeOf(r.in(), d.wrt()));
          List<Feed> sides =
              r.sideFeeds(
                  differentiator, r.in().key(), true, spec.sideInputs(), d.target(), d.wrt());
          return new TfGradientFunction(
              this,
              r.describe(spec.target()),
              x,
              sides,
              spec.sideInputs(),
              d.target(),
              d.gradient(),
              d.targetHasBatch());
        });
  }

  /**
   * Whether the spec's target is piecewise affine in its input up to a smooth head (see {@link
   * PiecewiseAnalysis}): if so, the gradient function the exact method needs, else the reason.
   */
  public Piecewise piecewise(GradientSpec spec) {
    return withRead(
        () -> {
          TfGradientFunction g = (TfGradientFunction) gradient(spec);
          ResolvedSpec r = resolve(spec);
          Differentiator.Result d =
              differentiator.differentiate(r.sig(), r.in(), r.out(), spec.target(), null);
          PiecewiseAnalysis.Verdict verdict =
              PiecewiseAnalysis.analyze(d.wrt(), d.target(), !g.runsPerPoint());
          return verdict.qualifies()
              ? new Piecewise(Optional.of(new TfPiecewiseFunction(g, verdict)), "")
              : new Piecewise(Optional.empty(), verdict.reason());
        });
  }

  /**
   * The exact method's view of a model: the function when the graph qualifies, else why not.
   *
   * @param function present when the graph is piecewise affine up to a smooth head
   * @param reason why it is not (empty when it is)
   */
  public record Piecewise(Optional<PiecewiseAffineFunction> function, String reason) {}

  /**
   * The internal tensor {@code tensorName} for layer IG. Inside an inlined function body, name the
   * op as it appears in the function (e.g. {@code sequential/dense/Relu}); a unique suffix of the
   * inlined path is enough.
   */
  public Layer layer(GradientSpec spec, String tensorName) {
    return withRead(
        () -> {
          ResolvedSpec r = resolve(spec);
          Differentiator.Result d =
              differentiator.differentiate(r.sig(), r.in(), r.out(), spec.target(), tensorName);
          Output<?> xOut = differentiator.input(r.in());
          Feed x = Feed.of(r.in().key(), xOut, ResolvedSpec.shapeOf(r.in(), xOut));
          Feed h = Feed.of(tensorName, d.wrt(), d.wrt().shape());
          List<Feed> forwardSides =
              r.sideFeeds(differentiator, r.in().key(), false, spec.sideInputs(), d.wrt(), xOut);
          String name = ((GraphOperation) d.wrt().op()).name() + ":" + d.wrt().index();
          // Built on first use: only the gradient may need the input fed as a side input.
          Supplier<GradientFunction> g =
              () ->
                  withRead(
                      () ->
                          new TfGradientFunction(
                              this,
                              r.describe(spec.target()) + " at layer '" + name + "'",
                              h,
                              r.sideFeeds(
                                  differentiator,
                                  null,
                                  false,
                                  spec.sideInputs(),
                                  d.target(),
                                  d.wrt()),
                              spec.sideInputs(),
                              d.target(),
                              d.gradient(),
                              d.targetHasBatch()));
          return new Layer(this, name, x, forwardSides, spec.sideInputs(), h, g);
        });
  }

  /**
   * The ORIGINAL (not inlined) output of the spec's signature at {@code count} input points, row
   * major; a plain forward pass, e.g. for checking gradients against finite differences.
   */
  public double[] predict(GradientSpec spec, double[] points, int[] owners, int count) {
    return withRead(
        () -> {
          ResolvedSpec r = resolve(spec);
          Output<?> xOut = differentiator.input(r.in());
          Output<?> yOut = differentiator.output(r.out());
          Feed x = Feed.of(r.in().key(), xOut, ResolvedSpec.shapeOf(r.in(), xOut));
          Feed y = Feed.of(r.out().key(), yOut, ResolvedSpec.shapeOf(r.out(), yOut));
          List<Feed> sides =
              r.sideFeeds(differentiator, r.in().key(), true, spec.sideInputs(), yOut, null);
          return ForwardRunner.run(
              this,
              "prediction of " + r.what(),
              x,
              sides,
              spec.sideInputs(),
              y,
              points,
              owners,
              count);
        });
  }

  /**
   * Whether a gradient runs for {@code signature}: its first float input, first output, column 0,
   * other inputs fed with zeros, evaluated once at zero.
   */
  public ProbeResult probe(String signature) {
    try {
      SignatureInfo sig = signature(signature);
      TensorInfo in =
          catalog.attributedInput(
              sig, sig.floatInputs().isEmpty() ? null : sig.floatInputs().get(0).key());
      if (sig.outputs().isEmpty()) {
        return new ProbeResult(signature, false, "signature '" + signature + "' has no outputs");
      }
      SideInputs zeros = SideInputs.none();
      for (TensorInfo other : sig.inputs()) {
        if (!other.key().equals(in.key())) {
          zeros = zeros.withFixed(other.key(), new double[(int) ResolvedSpec.rowSize(other)]);
        }
      }
      GradientSpec spec =
          new GradientSpec(signature, in.key(), sig.outputs().get(0).key(), Target.DEFAULT, zeros);
      GradientFunction f = gradient(spec);
      double[] value = new double[1];
      double[] grad = new double[f.dimension()];
      f.evaluate(new double[f.dimension()], new int[1], 1, value, grad);
      double norm = 0;
      for (double g : grad) {
        norm += g * g;
      }
      boolean finite = Double.isFinite(value[0]) && Double.isFinite(norm);
      return new ProbeResult(
          signature,
          finite,
          (finite ? "ok: " : "non-finite result: ")
              + "d "
              + sig.outputs().get(0).key()
              + " / d "
              + in.key()
              + " at zero: F="
              + value[0]
              + ", |grad|="
              + Math.sqrt(norm));
    } catch (ModelException | IllegalStateException e) {
      return new ProbeResult(signature, false, e.getMessage());
    } catch (RuntimeException e) {
      return new ProbeResult(signature, false, e.toString());
    }
  }

  /** Ops created by inlining for the spec (0 for TF1 graphs); for inspection and tests. */
  int inlinedOpCount(GradientSpec spec) {
    return withRead(
        () -> {
          ResolvedSpec r = resolve(spec);
          return differentiator.inline(r.sig(), r.in(), r.out()).inliner().inlinedOpCount();
        });
  }

  private ResolvedSpec resolve(GradientSpec spec) {
    SignatureInfo sig = catalog.get(spec.signature());
    return new ResolvedSpec(
        sig, catalog.attributedInput(sig, spec.input()), catalog.output(sig, spec.output()));
  }

  /** Runs {@code action} with the session, holding the model open meanwhile. */
  void withSession(Consumer<Session> action) {
    withRead(
        () -> {
          action.accept(bundle.session());
          return null;
        });
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        bundle.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private <T> T withRead(Supplier<T> body) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return body.get();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("model " + dir + " is closed");
    }
  }
}
