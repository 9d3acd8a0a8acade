package io.igstream.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Mini-batch Adam on binary cross-entropy, written with plain TF ops because the optimizer library
 * is not on the classpath. The loss uses the stable form {@code max(z, 0) - z*y + log(1 +
 * exp(-|z|))} of {@code sigmoid_cross_entropy_with_logits}.
 */
final class FraudNetworkTraining {
  private static final float BETA_1 = 0.9f;
  private static final float BETA_2 = 0.999f;
  private static final float EPSILON = 1e-7f;

  /** Trained weights and the mean training loss of the last epoch. */
  record Outcome(NetworkWeights weights, double lastEpochLoss) {}

  /** The handles of the training graph that one Adam step feeds, fetches and runs. */
  private record StepHandles(
      Placeholder<TFloat32> features,
      Placeholder<TFloat32> labels,
      Placeholder<TFloat32> beta1Power,
      Placeholder<TFloat32> beta2Power,
      Operand<TFloat32> loss,
      List<Op> updates) {}

  private FraudNetworkTraining() {}

  static Outcome train(LabelledData data, Standardization standardization, TrainingConfig config) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> features =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, FraudNetwork.INPUTS)));
      Placeholder<TFloat32> labels =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      Placeholder<TFloat32> beta1Power = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> beta2Power = tf.placeholder(TFloat32.class);

      NetworkWeights initial = NetworkWeights.initial(config.seed());
      List<Op> initializers = new ArrayList<>();
      List<Variable<TFloat32>> parameters = new ArrayList<>();
      List<Operand<TFloat32>> reads = new ArrayList<>();
      for (int i = 0; i < FraudNetwork.PARAMETER_SHAPES.size(); i++) {
        Shape shape = FraudNetwork.PARAMETER_SHAPES.get(i);
        Variable<TFloat32> parameter = tf.variable(shape, TFloat32.class);
        initializers.add(tf.assign(parameter, FraudNetwork.constant(tf, shape, initial.value(i))));
        parameters.add(parameter);
        reads.add(tf.identity(parameter));
      }
      Operand<TFloat32> logits = FraudNetwork.logits(tf, features, standardization, reads);
      Mean<TFloat32> loss = meanCrossEntropy(tf, logits, labels);

      List<Op> updates =
          adamUpdates(tf, parameters, reads, loss, beta1Power, beta2Power, config, initializers);

      try (Session session = new Session(graph)) {
        Session.Runner init = session.runner();
        initializers.forEach(init::addTarget);
        init.run().close();
        StepHandles handles =
            new StepHandles(features, labels, beta1Power, beta2Power, loss, updates);
        double lastEpochLoss = runEpochs(session, data, config, handles);
        return new Outcome(readWeights(session, parameters), lastEpochLoss);
      }
    }
  }

  /** One ApplyAdam per parameter, with zero-initialised moment variables. */
  private static List<Op> adamUpdates(
      Ops tf,
      List<Variable<TFloat32>> parameters,
      List<Operand<TFloat32>> reads,
      Mean<TFloat32> loss,
      Placeholder<TFloat32> beta1Power,
      Placeholder<TFloat32> beta2Power,
      TrainingConfig config,
      List<Op> initializers) {
    Gradients gradients = tf.gradients(loss, reads);
    // The reads alias the variables' buffers, so no update may start before every gradient (and
    // the loss) is computed: otherwise an early update races later gradient kernels and the same
    // seed trains a slightly different model each time.
    List<Op> computed = new ArrayList<>(List.of(loss));
    List<Operand<TFloat32>> gradientValues = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Output<TFloat32> gradient = gradients.dy(i);
      Identity<TFloat32> value = tf.identity(gradient);
      computed.add(value);
      gradientValues.add(value);
    }
    Ops afterGradients = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Shape shape = FraudNetwork.PARAMETER_SHAPES.get(i);
      Variable<TFloat32> firstMoment = zeroVariable(tf, shape, initializers);
      Variable<TFloat32> secondMoment = zeroVariable(tf, shape, initializers);
      updates.add(
          afterGradients.train.applyAdam(
              parameters.get(i),
              firstMoment,
              secondMoment,
              beta1Power,
              beta2Power,
              tf.constant((float) config.learningRate()),
              tf.constant(BETA_1),
              tf.constant(BETA_2),
              tf.constant(EPSILON),
              gradientValues.get(i)));
    }
    return updates;
  }

  private static double runEpochs(
      Session session, LabelledData data, TrainingConfig config, StepHandles step) {
    int[] order = new int[data.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random shuffler = new Random(config.seed() + 1);
    int columns = data.columns();
    int stepCount = 0;
    double epochLoss = Double.NaN;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      shuffle(order, shuffler);
      double lossSum = 0.0;
      for (int start = 0; start < order.length; start += config.batchSize()) {
        int size = Math.min(config.batchSize(), order.length - start);
        float[] batchFeatures = new float[size * columns];
        float[] batchLabels = new float[size];
        for (int r = 0; r < size; r++) {
          int row = order[start + r];
          System.arraycopy(data.features(), row * columns, batchFeatures, r * columns, columns);
          batchLabels[r] = data.labels()[row];
        }
        stepCount++;
        try (TFloat32 x = tensor(Shape.of(size, columns), batchFeatures);
            TFloat32 y = tensor(Shape.of(size, 1), batchLabels);
            TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(BETA_1, stepCount));
            TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(BETA_2, stepCount))) {
          Session.Runner runner =
              session
                  .runner()
                  .feed(step.features(), x)
                  .feed(step.labels(), y)
                  .feed(step.beta1Power(), b1)
                  .feed(step.beta2Power(), b2)
                  .fetch(step.loss());
          step.updates().forEach(runner::addTarget);
          try (Result result = runner.run()) {
            lossSum += ((TFloat32) result.get(0)).getFloat() * size;
          }
        }
      }
      epochLoss = lossSum / order.length;
    }
    return epochLoss;
  }

  /** Mean of {@code max(z, 0) - z*y + log1p(exp(-|z|))} over the batch. */
  static Mean<TFloat32> meanCrossEntropy(
      Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
    Operand<TFloat32> perRow =
        tf.math.add(
            tf.math.sub(tf.math.maximum(logits, tf.constant(0f)), tf.math.mul(logits, labels)),
            tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
    return tf.withName("loss").math.mean(perRow, tf.constant(new int[] {0, 1}));
  }

  private static Variable<TFloat32> zeroVariable(Ops tf, Shape shape, List<Op> initializers) {
    Variable<TFloat32> variable = tf.variable(shape, TFloat32.class);
    initializers.add(
        tf.assign(variable, FraudNetwork.constant(tf, shape, new float[(int) shape.size()])));
    return variable;
  }

  private static NetworkWeights readWeights(Session session, List<Variable<TFloat32>> parameters) {
    Session.Runner runner = session.runner();
    parameters.forEach(runner::fetch);
    try (Result result = runner.run()) {
      List<float[]> values = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        values.add(read((TFloat32) result.get(i)));
      }
      return new NetworkWeights(values);
    }
  }

  static float[] read(TFloat32 tensor) {
    float[] values = new float[(int) tensor.shape().size()];
    tensor.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }
}
