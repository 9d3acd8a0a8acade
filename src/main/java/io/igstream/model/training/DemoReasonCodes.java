package io.igstream.model.training;

import java.util.List;

/**
 * The demo fraud model's reason-code table: every one of its 30 features in exactly one group, each
 * group a code and the text an analyst or a customer letter would show.
 */
final class DemoReasonCodes {
  /** One row of the table, as written to {@code "reasonCodes"} in the spec. */
  record Row(String code, String text, List<String> features) {}

  static final List<Row> TABLE =
      List.of(
          new Row(
              "R01",
              "Transaction amount far above the account's usual",
              List.of("amount", "amount_vs_account_avg", "merchant_ticket_deviation")),
          new Row(
              "R02",
              "Unusually many or large transactions on the card recently",
              List.of("txn_count_1h", "txn_count_24h", "velocity_amount_24h")),
          new Row(
              "R03",
              "Merchant or merchant category with a high fraud rate",
              List.of("merchant_risk_score", "merchant_category_risk", "mcc_is_high_risk")),
          new Row(
              "R04",
              "New or unfamiliar device for this account",
              List.of("device_age_days", "device_is_new", "device_ip_mismatch")),
          new Row(
              "R05",
              "Location far from home or impossible travel since the last transaction",
              List.of("geo_distance_from_home_km", "geo_country_mismatch", "geo_velocity_kmh")),
          new Row(
              "R06",
              "Recent failed logins or credential reset on the account",
              List.of("failed_auth_count_24h", "password_reset_recent")),
          new Row(
              "R07",
              "Series of small test transactions on the card",
              List.of("card_testing_pattern")),
          new Row(
              "R08", "Risky IP address, proxy or VPN", List.of("ip_risk_score", "is_proxy_or_vpn")),
          new Row(
              "R09",
              "Card not present, or goods shipped away from the billing address",
              List.of("is_card_present", "is_ecommerce", "shipping_billing_mismatch")),
          new Row(
              "R10",
              "New account or e-mail address, or a history of chargebacks",
              List.of(
                  "account_age_days",
                  "email_age_days",
                  "customer_tenure_score",
                  "chargeback_history")),
          new Row(
              "R11",
              "Unusual time of day or a long gap since the last transaction",
              List.of("hour_of_day_sin", "hour_of_day_cos", "days_since_last_txn")));

  private DemoReasonCodes() {}
}
