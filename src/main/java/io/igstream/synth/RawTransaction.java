package io.igstream.synth;

/**
 * A transaction in natural units (money, days, km, counts) while it is being drawn; the patterns
 * edit these fields and {@link FeatureEncoder} turns them into the model's features.
 */
final class RawTransaction {
  double amount;
  double accountAverageTicket;
  MerchantCategory category;
  double merchantAverageTicket;
  int txnCount1h;
  int txnCount24h;
  double otherSpend24h;
  double merchantRisk;
  boolean cardPresent;
  boolean ecommerce;
  double deviceAgeDays;
  boolean deviceIpMismatch;
  double ipRisk;
  boolean proxyOrVpn;
  double distanceFromHomeKm;
  boolean countryMismatch;
  double kmFromPreviousTxn;
  double hoursSincePreviousTxn;
  double hourOfDay;
  double accountAgeDays;
  int failedAuth24h;
  boolean passwordResetRecent;
  double emailAgeDays;
  boolean shippingBillingMismatch;
  int microTxns1h;
  int chargebacks;

  /** Moves the purchase to another merchant category, keeping the amount. */
  void moveTo(MerchantCategory newCategory, RandomDraws draws) {
    category = newCategory;
    merchantAverageTicket = newCategory.averageTicket * draws.logNormal(1.0, 0.3);
    merchantRisk = draws.score(-2.5 + 2.5 * newCategory.risk, 0.8);
  }
}
