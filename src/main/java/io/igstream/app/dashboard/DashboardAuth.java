package io.igstream.app.dashboard;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's optional token. A request carries it as {@code Authorization: Bearer <token>}
 * (scripts, and one instance asking another), in the {@value #COOKIE} cookie, or once as {@code
 * ?token=} (a browser: the answer then sets the HttpOnly cookie and drops the token from the
 * address bar). Comparison is constant-time over SHA-256 digests, so neither the token's content
 * nor its length leaks through timing.
 */
public final class DashboardAuth {
  static final String COOKIE = "igstream_dashboard_token";

  private final Optional<byte[]> expectedDigest;

  public DashboardAuth(Optional<String> token) {
    this.expectedDigest = token.map(DashboardAuth::sha256);
  }

  public boolean required() {
    return expectedDigest.isPresent();
  }

  /** What a request presented. */
  public enum Verdict {
    /** No token configured, or a valid header or cookie. */
    ALLOWED,
    /** A valid {@code ?token=}: allow, and set the cookie so the address can drop it. */
    ALLOWED_SET_COOKIE,
    DENIED
  }

  public Verdict check(Optional<String> authorization, List<String> cookieHeaders, URI uri) {
    if (expectedDigest.isEmpty()) {
      return Verdict.ALLOWED;
    }
    Optional<String> bearer =
        authorization
            .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(h -> h.substring(7).trim());
    if (bearer.isPresent() && matches(bearer.get())) {
      return Verdict.ALLOWED;
    }
    for (String header : cookieHeaders) {
      for (String part : header.split(";")) {
        String c = part.trim();
        if (c.startsWith(COOKIE + "=") && matches(c.substring(COOKIE.length() + 1))) {
          return Verdict.ALLOWED;
        }
      }
    }
    Optional<String> query = queryToken(uri);
    if (query.isPresent() && matches(query.get())) {
      return Verdict.ALLOWED_SET_COOKIE;
    }
    return Verdict.DENIED;
  }

  /** The {@code Set-Cookie} value that keeps a browser signed in for the session. */
  static String cookieFor(String token) {
    return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  }

  static Optional<String> queryToken(URI uri) {
    String q = uri.getRawQuery();
    if (q == null) {
      return Optional.empty();
    }
    for (String pair : q.split("&")) {
      if (pair.startsWith("token=")) {
        return Optional.of(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(expectedDigest.orElseThrow(), sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
