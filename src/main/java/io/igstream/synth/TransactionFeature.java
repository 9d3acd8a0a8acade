package io.igstream.synth;

import java.util.Arrays;
import java.util.List;

/**
 * The 30 engineered features of a card transaction, in model input order.
 *
 * <p>Every value is already on a model-friendly scale: money and durations are {@code ln(1 + x)},
 * counts are {@code ln(1 + count)}, flags are 0 or 1, scores lie in [0, 1]. The {@link
 * #featureName()} is the snake_case name used in the model spec and in explanations.
 */
public enum TransactionFeature {
  /** {@code ln(1 + amount)}, amount in the account's currency (about 0 to 9). */
  AMOUNT("amount"),
  /** {@code ln(amount / account's average ticket)}: 0 is a typical amount for this account. */
  AMOUNT_VS_ACCOUNT_AVG("amount_vs_account_avg"),
  /** {@code ln(1 + n)}, n = transactions on the card in the last hour, this one included. */
  TXN_COUNT_1H("txn_count_1h"),
  /** {@code ln(1 + n)}, n = transactions on the card in the last 24 hours, this one included. */
  TXN_COUNT_24H("txn_count_24h"),
  /** {@code ln(1 + sum)}, sum = money spent on the card in the last 24 hours, this one included. */
  VELOCITY_AMOUNT_24H("velocity_amount_24h"),
  /** The merchant's own fraud score in [0, 1] (history of disputes at this merchant). */
  MERCHANT_RISK_SCORE("merchant_risk_score"),
  /** The fraud rate of the merchant's category (MCC) relative to the riskiest category, [0, 1]. */
  MERCHANT_CATEGORY_RISK("merchant_category_risk"),
  /** 1 when the MCC is on the high-risk list (gift cards, crypto, electronics, money transfer). */
  MCC_IS_HIGH_RISK("mcc_is_high_risk"),
  /** 1 when the physical card was read (chip or contactless). */
  IS_CARD_PRESENT("is_card_present"),
  /** 1 for an online purchase. */
  IS_ECOMMERCE("is_ecommerce"),
  /** {@code ln(1 + days)} since the customer's device was first seen on the account. */
  DEVICE_AGE_DAYS("device_age_days"),
  /** 1 when the device was first seen within the last day. */
  DEVICE_IS_NEW("device_is_new"),
  /** 1 when the device's usual IP region differs from the IP region of this session. */
  DEVICE_IP_MISMATCH("device_ip_mismatch"),
  /** Reputation score of the IP address in [0, 1] (1 = known abusive). */
  IP_RISK_SCORE("ip_risk_score"),
  /** 1 when the IP address belongs to a proxy, VPN or hosting provider. */
  IS_PROXY_OR_VPN("is_proxy_or_vpn"),
  /** {@code ln(1 + km)} between the transaction and the cardholder's home. */
  GEO_DISTANCE_FROM_HOME_KM("geo_distance_from_home_km"),
  /** 1 when the transaction country differs from the card's issuing country. */
  GEO_COUNTRY_MISMATCH("geo_country_mismatch"),
  /**
   * {@code ln(1 + km/h)}: distance from the previous transaction divided by the time since it;
   * above about {@code ln(1000)} no airliner could have made the trip (impossible travel).
   */
  GEO_VELOCITY_KMH("geo_velocity_kmh"),
  /** {@code sin(2 pi hour / 24)} of the local time of day. */
  HOUR_OF_DAY_SIN("hour_of_day_sin"),
  /** {@code cos(2 pi hour / 24)} of the local time of day. */
  HOUR_OF_DAY_COS("hour_of_day_cos"),
  /** {@code ln(1 + days)} since the account was opened. */
  ACCOUNT_AGE_DAYS("account_age_days"),
  /** {@code ln(1 + days)} since the previous transaction on the card. */
  DAYS_SINCE_LAST_TXN("days_since_last_txn"),
  /** {@code ln(1 + n)}, n = failed logins, PINs or 3-D Secure challenges in the last 24 hours. */
  FAILED_AUTH_COUNT_24H("failed_auth_count_24h"),
  /** 1 when the password or the account e-mail was reset in the last 7 days. */
  PASSWORD_RESET_RECENT("password_reset_recent"),
  /** {@code ln(1 + days)} since the account's e-mail address was first seen anywhere. */
  EMAIL_AGE_DAYS("email_age_days"),
  /** 1 when an online order ships to an address other than the billing address. */
  SHIPPING_BILLING_MISMATCH("shipping_billing_mismatch"),
  /** {@code ln(1 + n)}, n = transactions under 2.00 on the card in the last hour (card testing). */
  CARD_TESTING_PATTERN("card_testing_pattern"),
  /** {@code ln(1 + n)}, n = chargebacks ever filed on the account. */
  CHARGEBACK_HISTORY("chargeback_history"),
  /** How established the customer is, in [0, 1]: grows with account age and clean history. */
  CUSTOMER_TENURE_SCORE("customer_tenure_score"),
  /** {@code ln(amount / merchant's average ticket)}: how unusual the amount is for the merchant. */
  MERCHANT_TICKET_DEVIATION("merchant_ticket_deviation");

  private static final List<String> NAMES =
      Arrays.stream(values()).map(TransactionFeature::featureName).toList();

  private final String featureName;

  TransactionFeature(String featureName) {
    this.featureName = featureName;
  }

  /** The snake_case name of the feature, as written in the model spec. */
  public String featureName() {
    return featureName;
  }

  /** The names of all features in model input order. */
  public static List<String> names() {
    return NAMES;
  }

  /** The number of features, 30. */
  public static int count() {
    return NAMES.size();
  }
}
