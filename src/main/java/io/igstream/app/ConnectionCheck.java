package io.igstream.app;

import io.igstream.serde.SchemaRegistryClient;
import io.igstream.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Connects to Kafka and the Schema Registry once, with the explainer's own settings, before the
 * stream starts (after the models loaded, so that a model problem is reported first). Kafka Streams
 * retries a refused login forever (a thread that dies is replaced), and the serde would send every
 * record to the dead-letter topic if the registry refused it: so wrong credentials or trust stores
 * stop the start here, with a message that names what failed and which keys to check.
 */
final class ConnectionCheck {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ConnectionCheck() {}

  /**
   * @param kafkaSettings the Kafka client keys (security.protocol, sasl.*, ssl.*, ...); others are
   *     ignored
   * @throws CliException naming the failure and the settings to check
   */
  static void kafka(String bootstrapServers, Map<String, Object> kafkaSettings) {
    Map<String, Object> admin = new HashMap<>();
    kafkaSettings.forEach(
        (k, v) -> {
          if (AdminClientConfig.configNames().contains(k)) {
            admin.put(k, v);
          }
        });
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "igstream-connection-check");
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    String where = "Kafka at " + bootstrapServers;
    try (Admin client = Admin.create(admin)) {
      client.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SaslAuthenticationException) {
        throw new CliException(
            where
                + " refused the login: "
                + cause.getMessage()
                + ". Check the user and password in sasl.jaas.config"
                + " (IGSTREAM_KAFKA_SASL_JAAS_CONFIG) and sasl.mechanism");
      }
      if (cause instanceof SslAuthenticationException) {
        throw new CliException(
            where
                + ": the TLS handshake failed ("
                + rootMessage(cause)
                + "). Check that ssl.truststore.location holds the CA that signed the broker's"
                + " certificate, ssl.truststore.password (IGSTREAM_KAFKA_SSL_TRUSTSTORE_PASSWORD)"
                + " and security.protocol");
      }
      if (cause instanceof AuthorizationException) {
        return; // logged in; what the user may do is the stream's business (and its ACLs)
      }
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw noAnswer(where);
      }
      throw new CliException(
          where + " cannot be used: " + cause + ". Check bootstrap.servers and security.protocol");
    } catch (TimeoutException e) {
      throw noAnswer(where);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while connecting to " + where);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new CliException(
          "the Kafka client settings are not usable: "
              + rootMessage(e)
              + ". Check the security.protocol, sasl.* and ssl.* settings");
    }
  }

  /**
   * Asks the registry for its compatibility level (a read any user may do).
   *
   * @throws CliException naming the failure and the settings to check
   */
  static void registry(String urls, SchemaRegistryClient client) {
    String where = "Schema Registry at " + urls;
    try {
      client.compatibility();
    } catch (SchemaRegistryException e) {
      int status = e.httpStatus();
      if (status == 401 || status == 403) {
        throw new CliException(
            where
                + " refused the credentials (HTTP "
                + status
                + "). Check basic.auth.user.info (user:password,"
                + " IGSTREAM_KAFKA_BASIC_AUTH_USER_INFO) and basic.auth.credentials.source");
      }
      if (status == SchemaRegistryException.NO_RESPONSE) {
        boolean tls = hasCause(e, SSLException.class);
        throw new CliException(
            where
                + (tls ? ": the TLS handshake failed (" : " did not answer (")
                + rootMessage(e)
                + (tls
                    ? "). Check schema.registry.ssl.truststore.location and its password"
                        + " (IGSTREAM_KAFKA_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD)"
                    : "). Check schema.registry.url and the network"));
      }
      // It answered and let us in: another error here is not a connection problem.
    }
  }

  private static CliException noAnswer(String where) {
    return new CliException(
        where
            + " did not answer within "
            + TIMEOUT.toSeconds()
            + " s. Check bootstrap.servers, the network, and that security.protocol matches the"
            + " listener (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)");
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
