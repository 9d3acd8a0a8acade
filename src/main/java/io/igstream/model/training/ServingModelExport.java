package io.igstream.model.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Sigmoid;
import org.tensorflow.types.TFloat32;

/**
 * Builds a clean serving graph (no labels, gradients or optimizer state) holding the trained
 * weights in {@code VariableV2} variables, which the SavedModel exporter saves, and exports it with
 * signature {@code serving_default}: {@code features} float32 [-1, 30] &rarr; {@code
 * fraud_probability} float32 [-1, 1], straight out of a Sigmoid op.
 */
final class ServingModelExport {
  private ServingModelExport() {}

  /**
   * Exports the model to {@code dir} and returns the exporting session's probabilities for {@code
   * probe}, so callers can check that a reload reproduces them.
   */
  static float[] export(
      Path dir, NetworkWeights weights, Standardization standardization, LabelledData probe)
      throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> features =
          tf.withName(FraudModelTrainer.INPUT_KEY)
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, FraudNetwork.INPUTS)));
      List<Variable<TFloat32>> parameters = new ArrayList<>();
      List<Operand<TFloat32>> assigns = new ArrayList<>();
      for (int i = 0; i < FraudNetwork.PARAMETER_SHAPES.size(); i++) {
        Shape shape = FraudNetwork.PARAMETER_SHAPES.get(i);
        Variable<TFloat32> parameter =
            tf.withName(FraudNetwork.PARAMETER_NAMES.get(i)).variable(shape, TFloat32.class);
        assigns.add(tf.assign(parameter, FraudNetwork.constant(tf, shape, weights.value(i))));
        parameters.add(parameter);
      }
      Operand<TFloat32> logits = FraudNetwork.logits(tf, features, standardization, parameters);
      Sigmoid<TFloat32> probability =
          tf.withName(FraudModelTrainer.OUTPUT_KEY).math.sigmoid(logits);

      try (Session session = new Session(graph)) {
        Session.Runner init = session.runner();
        assigns.forEach(init::addTarget);
        init.run().close();
        float[] probabilities = predict(session, features, probability, probe);
        Signature signature =
            Signature.builder()
                .key(FraudModelTrainer.SIGNATURE_KEY)
                .input(FraudModelTrainer.INPUT_KEY, features)
                .output(FraudModelTrainer.OUTPUT_KEY, probability)
                .build();
        SavedModelBundle.exporter(dir.toString())
            .withTags(FraudModelTrainer.TAG)
            .withFunction(session.function(signature))
            .export();
        return probabilities;
      }
    }
  }

  private static float[] predict(
      Session session,
      Operand<TFloat32> features,
      Operand<TFloat32> probability,
      LabelledData data) {
    try (TFloat32 x =
            FraudNetworkTraining.tensor(Shape.of(data.rows(), data.columns()), data.features());
        Result result = session.runner().feed(features, x).fetch(probability).run()) {
      return FraudNetworkTraining.read((TFloat32) result.get(0));
    }
  }
}
