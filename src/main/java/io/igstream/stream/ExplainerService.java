package io.igstream.stream;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running explainer: the Kafka Streams instance behind a topology, with its health. {@code live}
 * turns false only when the instance cannot recover (ERROR, or shut down without being asked), so a
 * Kubernetes liveness probe restarts it; {@code ready} is true while it is RUNNING.
 */
public final class ExplainerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExplainerService.class);

  private final KafkaStreams streams;
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.CREATED);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closing;

  private ExplainerService(Topology topology, Properties properties) {
    this.streams = new KafkaStreams(topology, properties);
    streams.setStateListener((now, before) -> state.set(now));
    streams.setUncaughtExceptionHandler(
        e -> {
          failure.set(e);
          StreamThreadExceptionResponse response = responseTo(e);
          if (response == StreamThreadExceptionResponse.SHUTDOWN_CLIENT) {
            LOG.error(
                "Kafka refused the explainer's login while running; stopping (a new thread would"
                    + " be refused too). Check sasl.jaas.config and the ssl.* settings: {}",
                e.toString());
          } else {
            LOG.error("stream thread failed; replacing it: {}", e.toString());
          }
          return response;
        });
  }

  /**
   * A thread that dies on an unexpected error is replaced: exactly-once has rolled back its
   * transaction, so the replacement re-reads from the last commit. A refused login (credentials
   * revoked or rotated wrongly) would refuse every replacement too, forever, while {@code /live}
   * stayed true: the instance stops instead, so {@code live} turns false and {@code run} exits
   * naming the cause.
   */
  static StreamThreadExceptionResponse responseTo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Starts processing; returns at once (see {@link #ready}). */
  public static ExplainerService start(Topology topology, Properties properties) {
    ExplainerService service = new ExplainerService(topology, properties);
    service.streams.start();
    return service;
  }

  public KafkaStreams.State state() {
    return state.get();
  }

  public boolean ready() {
    return state.get() == KafkaStreams.State.RUNNING;
  }

  public boolean live() {
    KafkaStreams.State s = state.get();
    return s != KafkaStreams.State.ERROR
        && (closing
            || (s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR));
  }

  /** Interactive queries over the dashboard's stores. */
  public DashboardQueries dashboard() {
    return new DashboardQueries(streams);
  }

  /** The last error a stream thread died of, if any (for logs and the demo's summary). */
  public Throwable lastFailure() {
    return failure.get();
  }

  /** Waits until RUNNING, or throws after {@code timeout} naming the state it is stuck in. */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready()) {
      if (!live()) {
        throw new IllegalStateException("the explainer stopped while starting: " + state.get());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the explainer is not running after "
                + timeout.toSeconds()
                + " s (state "
                + state.get()
                + "); is the broker reachable and do the topics exist?");
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    closing = true;
    streams.close(Duration.ofSeconds(30));
  }
}
