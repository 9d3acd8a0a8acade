package io.igstream.app;

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
    kafka.createTopic(config.inputTopic(), PARTITIONS);
    kafka.createTopic(config.outputTopic(), PARTITIONS);
    kafka.createTopic(config.reasonCodesTopic(), PARTITIONS);
    kafka.createTopic(config.deadLetterTopic(), 1);
  }
}
