package io.igstream.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.synth.FraudTransactions;
import io.igstream.synth.TrafficMix;
import org.junit.jupiter.api.Test;

class FraudNetworkTrainingTest {
  private static final TrainingConfig TINY = TrainingConfig.defaults(5).withSizes(3000, 1, 8);

  @Test
  void shouldTrainTheSameWeightsForTheSameSeed() {
    LabelledData data = data();
    Standardization standardization = Standardization.of(data.features(), data.rows(), 30);
    FraudNetworkTraining.Outcome first = FraudNetworkTraining.train(data, standardization, TINY);
    FraudNetworkTraining.Outcome second = FraudNetworkTraining.train(data, standardization, TINY);
    assertEquals(first.lastEpochLoss(), second.lastEpochLoss(), 0.0);
    for (int i = 0; i < FraudNetwork.PARAMETER_SHAPES.size(); i++) {
      assertArrayEquals(first.weights().value(i), second.weights().value(i), 0f, "parameter " + i);
    }
  }

  @Test
  void shouldLowerTheLossBelowTheConstantPredictor() {
    LabelledData data = data();
    Standardization standardization = Standardization.of(data.features(), data.rows(), 30);
    double p = data.positiveRate();
    double constantPredictorLoss = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    double loss = FraudNetworkTraining.train(data, standardization, TINY).lastEpochLoss();
    assertTrue(loss < 0.7 * constantPredictorLoss, loss + " vs " + constantPredictorLoss);
  }

  private static LabelledData data() {
    FraudTransactions transactions =
        new FraudTransactions(5, TrafficMix.defaults().withFraudRate(0.05));
    return LabelledData.of(transactions.next(TINY.trainSize()), 30);
  }
}
