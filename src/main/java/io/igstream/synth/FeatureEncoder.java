package io.igstream.synth;

import static io.igstream.synth.TransactionFeature.*;

/**
 * Turns a {@link RawTransaction} into the engineered feature vector of {@link TransactionFeature}.
 */
final class FeatureEncoder {
  private static final double MIN_HOURS_BETWEEN_TXNS = 1.0 / 60.0;

  private FeatureEncoder() {}

  static double[] encode(RawTransaction t) {
    double[] f = new double[TransactionFeature.count()];
    f[AMOUNT.ordinal()] = Math.log1p(t.amount);
    f[AMOUNT_VS_ACCOUNT_AVG.ordinal()] = Math.log(t.amount / t.accountAverageTicket);
    f[TXN_COUNT_1H.ordinal()] = Math.log1p(t.txnCount1h);
    f[TXN_COUNT_24H.ordinal()] = Math.log1p(t.txnCount24h);
    f[VELOCITY_AMOUNT_24H.ordinal()] = Math.log1p(t.amount + t.otherSpend24h);
    f[MERCHANT_RISK_SCORE.ordinal()] = t.merchantRisk;
    f[MERCHANT_CATEGORY_RISK.ordinal()] = t.category.risk;
    f[MCC_IS_HIGH_RISK.ordinal()] = flag(t.category.highRisk);
    f[IS_CARD_PRESENT.ordinal()] = flag(t.cardPresent);
    f[IS_ECOMMERCE.ordinal()] = flag(t.ecommerce);
    f[DEVICE_AGE_DAYS.ordinal()] = Math.log1p(t.deviceAgeDays);
    f[DEVICE_IS_NEW.ordinal()] = flag(t.deviceAgeDays < 1.0);
    f[DEVICE_IP_MISMATCH.ordinal()] = flag(t.deviceIpMismatch);
    f[IP_RISK_SCORE.ordinal()] = Math.min(1.0, t.ipRisk);
    f[IS_PROXY_OR_VPN.ordinal()] = flag(t.proxyOrVpn);
    f[GEO_DISTANCE_FROM_HOME_KM.ordinal()] = Math.log1p(t.distanceFromHomeKm);
    f[GEO_COUNTRY_MISMATCH.ordinal()] = flag(t.countryMismatch);
    double hours = Math.max(t.hoursSincePreviousTxn, MIN_HOURS_BETWEEN_TXNS);
    f[GEO_VELOCITY_KMH.ordinal()] = Math.log1p(t.kmFromPreviousTxn / hours);
    double angle = 2.0 * Math.PI * t.hourOfDay / 24.0;
    f[HOUR_OF_DAY_SIN.ordinal()] = Math.sin(angle);
    f[HOUR_OF_DAY_COS.ordinal()] = Math.cos(angle);
    f[ACCOUNT_AGE_DAYS.ordinal()] = Math.log1p(t.accountAgeDays);
    f[DAYS_SINCE_LAST_TXN.ordinal()] = Math.log1p(t.hoursSincePreviousTxn / 24.0);
    f[FAILED_AUTH_COUNT_24H.ordinal()] = Math.log1p(t.failedAuth24h);
    f[PASSWORD_RESET_RECENT.ordinal()] = flag(t.passwordResetRecent);
    f[EMAIL_AGE_DAYS.ordinal()] = Math.log1p(t.emailAgeDays);
    f[SHIPPING_BILLING_MISMATCH.ordinal()] = flag(t.shippingBillingMismatch);
    f[CARD_TESTING_PATTERN.ordinal()] = Math.log1p(t.microTxns1h);
    f[CHARGEBACK_HISTORY.ordinal()] = Math.log1p(t.chargebacks);
    f[CUSTOMER_TENURE_SCORE.ordinal()] =
        (1.0 - Math.exp(-t.accountAgeDays / 730.0)) / (1.0 + t.chargebacks);
    f[MERCHANT_TICKET_DEVIATION.ordinal()] = Math.log(t.amount / t.merchantAverageTicket);
    return f;
  }

  private static double flag(boolean value) {
    return value ? 1.0 : 0.0;
  }
}
