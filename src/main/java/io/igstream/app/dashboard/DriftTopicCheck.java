package io.igstream.app.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Whether the drift topic exists. The dashboard's global drift store reads it, and a global store
 * over a missing topic would stop the whole instance: without the topic the explainer runs and the
 * dashboard says that drift is unavailable and why.
 */
public final class DriftTopicCheck {
  private DriftTopicCheck() {}

  /** Empty when the topic exists; otherwise why the drift history is off. */
  public static Optional<String> problem(
      String bootstrapServers, Map<String, Object> kafkaSettings, String topic) {
    Map<String, Object> props = new HashMap<>(kafkaSettings);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(props)) {
      admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.of(
            "topic " + topic + " does not exist: create it (igstream.drift.topic) and restart");
      }
      return Optional.of("cannot describe topic " + topic + ": " + e.getCause());
    } catch (TimeoutException e) {
      return Optional.of("no answer from the cluster about topic " + topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking topic " + topic);
    }
  }
}
