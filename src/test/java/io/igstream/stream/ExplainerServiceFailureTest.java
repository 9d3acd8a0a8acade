package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** What a dying stream thread leads to: replaced, unless Kafka refused the login. */
class ExplainerServiceFailureTest {
  @Test
  void shouldStopInsteadOfRetryingARefusedLoginForever() {
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        ExplainerService.responseTo(
            new StreamsException(
                "poll failed",
                new SaslAuthenticationException("Authentication failed: Invalid password"))));
    assertEquals(
        StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
        ExplainerService.responseTo(new SslAuthenticationException("SSL handshake failed")));
  }

  @Test
  void shouldReplaceAThreadThatDiedOfAnythingElse() {
    assertEquals(
        StreamThreadExceptionResponse.REPLACE_THREAD,
        ExplainerService.responseTo(
            new StreamsException("task failed", new IllegalStateException("a bug"))));
  }
}
