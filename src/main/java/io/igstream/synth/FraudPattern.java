package io.igstream.synth;

import java.util.Arrays;
import java.util.List;

/**
 * Why a synthetic transaction was generated: legitimate traffic or one of the fraud patterns. Each
 * fraud pattern drives its own group of features, so explanations should differ between them.
 */
public enum FraudPattern {
  /** Ordinary customer traffic, including look-alikes (travellers, new phones, big purchases). */
  LEGIT("legit"),
  /**
   * A fraudster logged into a real account: new device, device/IP mismatch, recent password reset,
   * failed logins, proxy, online order shipped elsewhere.
   */
  ACCOUNT_TAKEOVER("account_takeover"),
  /** Stolen card numbers probed with many tiny online payments at small-ticket merchants. */
  CARD_TESTING("card_testing"),
  /** A young account maxes out: many large purchases at high-risk merchants within a day. */
  BUST_OUT("bust_out"),
  /** A cloned card used far from home soon after a purchase at home, faster than any flight. */
  IMPOSSIBLE_TRAVEL("impossible_travel");

  private static final List<FraudPattern> FRAUD =
      Arrays.stream(values()).filter(FraudPattern::isFraud).toList();

  private final String key;

  FraudPattern(String key) {
    this.key = key;
  }

  /** The snake_case name of the pattern, as carried by {@link Transaction#pattern()}. */
  public String key() {
    return key;
  }

  /** Whether transactions of this pattern are labelled fraud. */
  public boolean isFraud() {
    return this != LEGIT;
  }

  /** All fraud patterns, in declaration order. */
  public static List<FraudPattern> fraudPatterns() {
    return FRAUD;
  }

  /**
   * The pattern with the given {@link #key()}.
   *
   * @throws IllegalArgumentException for an unknown key
   */
  public static FraudPattern fromKey(String key) {
    for (FraudPattern pattern : values()) {
      if (pattern.key.equals(key)) {
        return pattern;
      }
    }
    throw new IllegalArgumentException("Unknown fraud pattern: " + key);
  }
}
