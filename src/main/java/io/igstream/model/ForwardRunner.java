package io.igstream.model;

import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * Plain forward passes: feeds an input (and side inputs) and fetches one tensor's values. Batched
 * in one run when every tensor has a batch dimension, else one run per point.
 */
final class ForwardRunner {
  private ForwardRunner() {}

  static double[] run(
      SavedModel model,
      String description,
      Feed input,
      List<Feed> sides,
      SideInputs sideValues,
      Feed fetched,
      double[] points,
      int[] owners,
      int count) {
    double[] out = new double[count * fetched.size()];
    boolean perPoint =
        !input.batched() || !fetched.batched() || sides.stream().anyMatch(s -> !s.batched());
    model.withSession(
        session -> {
          if (perPoint) {
            for (int k = 0; k < count; k++) {
              runRows(
                  session,
                  description,
                  input,
                  sides,
                  sideValues,
                  fetched,
                  points,
                  owners,
                  k,
                  1,
                  out);
            }
          } else if (count > 0) {
            runRows(
                session,
                description,
                input,
                sides,
                sideValues,
                fetched,
                points,
                owners,
                0,
                count,
                out);
          }
        });
    return out;
  }

  private static void runRows(
      Session session,
      String description,
      Feed input,
      List<Feed> sides,
      SideInputs sideValues,
      Feed fetched,
      double[] points,
      int[] owners,
      int start,
      int rows,
      double[] out) {
    Tensor[] fed = new Tensor[1 + sides.size()];
    try {
      fed[0] = TensorIo.create(input.type(), input.shape(rows), points, start * input.size());
      Session.Runner runner = session.runner().feed(input.output(), fed[0]);
      for (int s = 0; s < sides.size(); s++) {
        fed[s + 1] = sides.get(s).sideTensor(sideValues, owners, start, rows);
        runner.feed(sides.get(s).output(), fed[s + 1]);
      }
      try (Result result = runner.fetch(fetched.output()).run()) {
        TensorIo.read(result.get(0), rows * fetched.size(), out, start * fetched.size());
      }
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      throw new ModelException(description + " failed in Session.run: " + e.getMessage(), e);
    } finally {
      for (Tensor t : fed) {
        if (t != null) {
          t.close();
        }
      }
    }
  }
}
