package io.igstream.app.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker on its own until Ctrl-C, printing where to connect:
 *
 * <pre>
 * java -cp 'target/igstream.jar:target/lib/*' io.igstream.app.kafka.EmbeddedKafkaMain events:3 explanations
 * </pre>
 *
 * <p>Each argument is a topic to create, {@code name} or {@code name:partitions} (default 1). The
 * demo prints {@link #banner} the same way after starting its own broker.
 */
public final class EmbeddedKafkaMain {
  private EmbeddedKafkaMain() {}

  public static void main(String[] args) throws InterruptedException {
    List<TopicArg> topics;
    try {
      topics = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: EmbeddedKafkaMain [topic[:partitions] ...]");
      System.exit(2);
      return;
    }
    EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  closed.countDown();
                },
                "igstream-kafka-shutdown"));
    try {
      for (TopicArg topic : topics) {
        kafka.createTopic(topic.name(), topic.partitions());
      }
    } catch (EmbeddedKafkaException e) {
      System.err.println(e.getMessage());
      System.exit(1); // the shutdown hook closes the broker
    }
    System.out.println(banner(kafka.bootstrapServers(), kafka.startupTime().toMillis()));
    System.out.println("Ctrl-C stops the broker and deletes " + kafka.directory());
    closed.await();
  }

  /** What a user needs to attach their own tools. */
  public static String banner(String bootstrapServers, long startupMillis) {
    return "Kafka is ready at "
        + bootstrapServers
        + " (started in "
        + startupMillis
        + " ms). Attach with e.g. kcat -b "
        + bootstrapServers
        + " -L";
  }

  /** A topic from the command line. */
  record TopicArg(String name, int partitions) {}

  static List<TopicArg> parse(String[] args) {
    List<TopicArg> topics = new ArrayList<>();
    for (String arg : args) {
      String[] parts = arg.split(":", -1);
      if (parts.length > 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("not a topic[:partitions]: " + arg);
      }
      int partitions = 1;
      if (parts.length == 2) {
        try {
          partitions = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          partitions = 0;
        }
        if (partitions < 1) {
          throw new IllegalArgumentException("partitions must be a positive number: " + arg);
        }
      }
      topics.add(new TopicArg(parts[0], partitions));
    }
    return topics;
  }
}
