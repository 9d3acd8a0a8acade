package io.igstream.app.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A client listener that takes SASL/PLAIN over TLS, as production clusters do: the broker presents
 * the certificate in {@code keystore} (PKCS12, key password = store password) and accepts exactly
 * the users given, by password.
 *
 * @param keystore the broker's key and certificate chain (its certificate must name 127.0.0.1)
 * @param keystorePassword the key store's (and key's) password
 * @param users user name to password, for the broker's PLAIN JAAS config
 */
public record SaslSslListener(Path keystore, String keystorePassword, Map<String, String> users) {
  public SaslSslListener {
    Objects.requireNonNull(keystore, "keystore");
    Objects.requireNonNull(keystorePassword, "keystorePassword");
    users = Map.copyOf(users);
    if (users.isEmpty()) {
      throw new IllegalArgumentException("a SASL/PLAIN listener needs at least one user");
    }
    users.forEach(
        (user, password) -> {
          if (!user.matches("[A-Za-z0-9._-]+") || password.contains("\"")) {
            throw new IllegalArgumentException(
                "user names are letters, digits, '.', '_' or '-', and passwords have no '\"': "
                    + user);
          }
        });
  }

  /**
   * The broker side of PLAIN: one {@code user_<name>="<password>"} option per user (the JAAS format
   * {@code kafka_server_jaas.conf} files use).
   */
  String jaasConfig() {
    StringBuilder jaas =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    users.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            u ->
                jaas.append(" user_")
                    .append(u.getKey())
                    .append("=\"")
                    .append(u.getValue())
                    .append('"'));
    return jaas.append(';').toString();
  }
}
