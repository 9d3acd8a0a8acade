package io.igstream.app;

import io.igstream.app.dashboard.DashboardSettings;
import io.igstream.app.kafka.EmbeddedKafkaBroker;
import io.igstream.stream.ExplainerStreamConfig;

/**
 * Creates every topic the explainer reads or writes on an embedded broker (which, like a careful
 * production cluster, does not create topics on demand): a topic the topology writes to but nobody
 * created would stall the stream.
 */
final class EmbeddedTopics {
  static final int PARTITIONS = 3;

  private EmbeddedTopics() {}

  static void create(EmbeddedKafkaBroker kafka, ExplainerStreamConfig config) {
    create(kafka, config, PARTITIONS);
  }

  static void create(EmbeddedKafkaBroker kafka, ExplainerStreamConfig config, int partitions) {
    kafka.createTopic(config.inputTopic(), partitions);
    kafka.createTopic(config.outputTopic(), partitions);
    kafka.createTopic(config.reasonCodesTopic(), partitions);
    kafka.createTopic(config.deadLetterTopic(), 1);
    kafka.createTopic(DashboardSettings.defaults().driftTopic(), partitions);
  }
}
