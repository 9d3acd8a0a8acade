package io.igstream.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Client settings, read from the keys Confluent's clients use so existing configs carry over.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #URL}</td><td>(required)</td><td>one URL or several, comma separated; the
 *       client fails over to the next on connection errors</td></tr>
 *   <tr><td>{@value #CREDENTIALS_SOURCE}</td><td>URL</td><td>{@code USER_INFO}: credentials from
 *       {@value #USER_INFO}; {@code URL}: from each URL's {@code user:password@}</td></tr>
 *   <tr><td>{@value #USER_INFO}</td><td></td><td>{@code user:password} for HTTP basic auth</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT_MS}</td><td>10000</td><td>TCP/TLS connect timeout</td></tr>
 *   <tr><td>{@value #READ_TIMEOUT_MS}</td><td>30000</td><td>time allowed for a whole response</td></tr>
 *   <tr><td>{@value #LATEST_CACHE_TTL_SEC}</td><td>60</td><td>how long a subject's latest version
 *       is cached ({@code -1}: forever, {@code 0}: not at all)</td></tr>
 *   <tr><td>{@code schema.registry.ssl.truststore.location/password/type}</td><td>JDK trust,
 *       PKCS12</td><td>trust store for HTTPS registries</td></tr>
 *   <tr><td>{@code schema.registry.ssl.keystore.location/password/type},
 *       {@code schema.registry.ssl.key.password}</td><td>none</td><td>client certificate for mutual
 *       TLS</td></tr>
 * </table>
 */
public record SchemaRegistryClientConfig(
    List<Endpoint> endpoints,
    Optional<String> userInfo,
    Duration connectTimeout,
    Duration readTimeout,
    Duration latestCacheTtl,
    TlsSettings tls) {

  public static final String URL = "schema.registry.url";
  public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String USER_INFO = "basic.auth.user.info";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

  static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  static final long DEFAULT_READ_TIMEOUT_MS = 30_000;
  static final long DEFAULT_LATEST_CACHE_TTL_SEC = 60;

  /**
   * A registry base URL with any {@code user:password@} taken out (Java's HTTP client does not send
   * URL credentials).
   */
  public record Endpoint(URI baseUri, Optional<String> userInfo) {
    @Override
    public String toString() {
      return baseUri + (userInfo.isPresent() ? " (with URL credentials)" : "");
    }
  }

  /** Never shows credentials (configs end up in logs). */
  @Override
  public String toString() {
    return "SchemaRegistryClientConfig[endpoints="
        + endpoints
        + ", userInfo="
        + (userInfo.isPresent() ? "(hidden)" : "none")
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", latestCacheTtl="
        + latestCacheTtl
        + ", tls="
        + (tls.configured() ? "configured" : "JDK default")
        + "]";
  }

  /**
   * Parses and validates {@code config}; throws {@link SerdeConfigException} naming the bad key.
   */
  public static SchemaRegistryClientConfig parse(Map<String, ?> config) {
    String urls =
        string(config, URL).orElseThrow(() -> new SerdeConfigException(URL + " is required"));
    List<Endpoint> endpoints = new ArrayList<>();
    for (String url : urls.split(",")) {
      if (!url.isBlank()) {
        endpoints.add(endpoint(url.trim()));
      }
    }
    if (endpoints.isEmpty()) {
      throw new SerdeConfigException(URL, urls, "no URL given");
    }
    String source = string(config, CREDENTIALS_SOURCE).orElse("URL").toUpperCase(Locale.ROOT);
    Optional<String> userInfo;
    switch (source) {
      case "USER_INFO" -> {
        userInfo = string(config, USER_INFO);
        if (userInfo.isEmpty() || !userInfo.get().contains(":")) {
          throw new SerdeConfigException(
              USER_INFO,
              "(hidden)",
              "must be user:password when " + CREDENTIALS_SOURCE + "=USER_INFO");
        }
      }
      case "URL" -> userInfo = Optional.empty();
      default ->
          throw new SerdeConfigException(CREDENTIALS_SOURCE, source, "supported: USER_INFO, URL");
    }
    return new SchemaRegistryClientConfig(
        List.copyOf(endpoints),
        userInfo,
        Duration.ofMillis(positiveLong(config, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(positiveLong(config, READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS)),
        latestTtl(config),
        TlsSettings.parse(config));
  }

  /** The credentials for {@code endpoint}: {@value #USER_INFO} if set, else the URL's. */
  Optional<String> credentialsFor(Endpoint endpoint) {
    return userInfo.isPresent() ? userInfo : endpoint.userInfo();
  }

  private static Endpoint endpoint(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new SerdeConfigException(URL, url, "expected http(s)://host[:port][/path]");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      URI base = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
      return new Endpoint(
          URI.create(base + path),
          Optional.ofNullable(uri.getRawUserInfo()).map(SchemaRegistryClientConfig::decode));
    } catch (URISyntaxException e) {
      throw new SerdeConfigException(URL, url, e.getMessage());
    }
  }

  private static String decode(String raw) {
    return java.net.URLDecoder.decode(
        raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Duration latestTtl(Map<String, ?> config) {
    long seconds =
        string(config, LATEST_CACHE_TTL_SEC)
            .map(v -> parseLong(LATEST_CACHE_TTL_SEC, v))
            .orElse(DEFAULT_LATEST_CACHE_TTL_SEC);
    if (seconds < -1) {
      throw new SerdeConfigException(LATEST_CACHE_TTL_SEC, seconds, "must be -1 (forever) or >= 0");
    }
    return seconds == -1
        ? java.time.temporal.ChronoUnit.FOREVER.getDuration()
        : Duration.ofSeconds(seconds);
  }

  private static long positiveLong(Map<String, ?> config, String key, long defaultValue) {
    long value = string(config, key).map(v -> parseLong(key, v)).orElse(defaultValue);
    if (value <= 0) {
      throw new SerdeConfigException(key, value, "must be > 0");
    }
    return value;
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new SerdeConfigException(key, value, "not a whole number");
    }
  }

  static Optional<String> string(Map<String, ?> config, String key) {
    Object value = config.get(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = value.toString();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }
}
