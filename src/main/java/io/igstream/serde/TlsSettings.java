package io.igstream.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust store and key store for HTTPS registries, from the {@code schema.registry.ssl.*} keys. With
 * neither set the JDK's default trust applies.
 */
public record TlsSettings(
    Optional<Store> truststore, Optional<Store> keystore, char[] keyPassword) {
  public static final String PREFIX = "schema.registry.ssl.";
  public static final String TRUSTSTORE_LOCATION = PREFIX + "truststore.location";
  public static final String TRUSTSTORE_PASSWORD = PREFIX + "truststore.password";
  public static final String TRUSTSTORE_TYPE = PREFIX + "truststore.type";
  public static final String KEYSTORE_LOCATION = PREFIX + "keystore.location";
  public static final String KEYSTORE_PASSWORD = PREFIX + "keystore.password";
  public static final String KEYSTORE_TYPE = PREFIX + "keystore.type";
  public static final String KEY_PASSWORD = PREFIX + "key.password";

  /** A key or trust store file. The type defaults to PKCS12 (the JDK's default since 9). */
  public record Store(Path location, char[] password, String type) {}

  static TlsSettings parse(Map<String, ?> config) {
    Optional<Store> truststore =
        store(config, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE);
    Optional<Store> keystore = store(config, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE);
    char[] keyPassword =
        SchemaRegistryClientConfig.string(config, KEY_PASSWORD)
            .map(String::toCharArray)
            .orElse(keystore.map(Store::password).orElse(new char[0]));
    return new TlsSettings(truststore, keystore, keyPassword);
  }

  /** Whether anything differs from the JDK default. */
  public boolean configured() {
    return truststore.isPresent() || keystore.isPresent();
  }

  /** An SSLContext trusting the trust store and presenting the key store's key, if given. */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(truststore.isPresent() ? load(truststore.get(), TRUSTSTORE_LOCATION) : null);
      KeyManagerFactory kmf = null;
      if (keystore.isPresent()) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keystore.get(), KEYSTORE_LOCATION), keyPassword);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new SerdeConfigException(
          "cannot set up TLS for the schema registry: " + e.getMessage());
    }
  }

  private static KeyStore load(Store store, String key) throws GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance(store.type());
    try (InputStream in = Files.newInputStream(store.location())) {
      keyStore.load(in, store.password());
      return keyStore;
    } catch (IOException e) {
      throw new SerdeConfigException(
          key, store.location().toString(), "cannot read: " + e.getMessage());
    }
  }

  private static Optional<Store> store(
      Map<String, ?> config, String locationKey, String passwordKey, String typeKey) {
    return SchemaRegistryClientConfig.string(config, locationKey)
        .map(
            location ->
                new Store(
                    Path.of(location),
                    SchemaRegistryClientConfig.string(config, passwordKey)
                        .map(String::toCharArray)
                        .orElse(new char[0]),
                    SchemaRegistryClientConfig.string(config, typeKey).orElse("PKCS12")));
  }
}
