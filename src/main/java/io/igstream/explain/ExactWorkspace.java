package io.igstream.explain;

/**
 * What one thread's exact integrations reuse from call to call: the knot table, the piece lists and
 * the streams' buffers. A stream thread explains batch after batch; without this every batch grew
 * fresh arrays to about 70 knots per event, zeroed and copied on the way (the largest share of the
 * exact method's allocation). The arrays grow to the largest batch seen and stay.
 *
 * <p>Holds the last function it streamed to (its streams are bound to it) until the thread
 * integrates with another one. One integration at a time per thread: {@link #forThread} hands the
 * same instance to the next call, which must come after the previous one returned. A call that
 * fails (e.g. the model returned NaN mid-stream) leaves points reserved in a stream: it must {@link
 * #discard} the workspace, so that the thread's next call (the stream explaining the batch's other
 * events one by one) starts from a fresh one.
 */
final class ExactWorkspace {
  private static final ThreadLocal<ExactWorkspace> PER_THREAD =
      ThreadLocal.withInitial(ExactWorkspace::new);

  final KnotTable knots = new KnotTable();
  final PieceList pending = new PieceList(16);
  final PieceList next = new PieceList(16);
  final PieceList done = new PieceList(16);
  private PiecewiseAffineFunction function;
  private ForwardStream forward;
  private PointStream gradients;

  private ExactWorkspace() {}

  /** This thread's workspace, emptied for an integration of {@code function}. */
  static ExactWorkspace forThread(PiecewiseAffineFunction function) {
    ExactWorkspace workspace = PER_THREAD.get();
    if (workspace.function != function) {
      workspace.function = function;
      workspace.forward = new ForwardStream(function);
      workspace.gradients = new PointStream(function);
    }
    workspace.knots.reset(function.kinkLayers());
    workspace.pending.clear();
    workspace.next.clear();
    workspace.done.clear();
    return workspace;
  }

  /** Drops this thread's workspace (after a failed integration); the next call builds a new one. */
  static void discard() {
    PER_THREAD.remove();
  }

  /** The forward stream to the function (restart it before use). */
  ForwardStream forward() {
    return forward;
  }

  /** The gradient stream to the function (restart it before use). */
  PointStream gradients() {
    return gradients;
  }
}
