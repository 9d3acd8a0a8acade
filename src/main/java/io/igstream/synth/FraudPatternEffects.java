package io.igstream.synth;

/**
 * Turns a legitimate draw into fraud of one pattern. Every signal fires only with some probability,
 * so fraud and legitimate traffic overlap; each pattern moves a different group of features.
 */
final class FraudPatternEffects {
  private FraudPatternEffects() {}

  static void apply(FraudPattern pattern, RawTransaction t, RandomDraws d) {
    switch (pattern) {
      case LEGIT -> {}
      case ACCOUNT_TAKEOVER -> accountTakeover(t, d);
      case CARD_TESTING -> cardTesting(t, d);
      case BUST_OUT -> bustOut(t, d);
      case IMPOSSIBLE_TRAVEL -> impossibleTravel(t, d);
    }
  }

  /** Someone else logged into the account from their own device and orders goods online. */
  private static void accountTakeover(RawTransaction t, RandomDraws d) {
    online(t, d);
    t.deviceAgeDays = d.chance(0.8) ? d.uniform(0.0, 1.0) : d.logNormal(20.0, 1.0);
    t.deviceIpMismatch = d.chance(0.7);
    t.passwordResetRecent = d.chance(0.65);
    t.failedAuth24h += d.poisson(2.5);
    t.proxyOrVpn = d.chance(0.45);
    t.ipRisk = d.score(-0.5, 1.0);
    t.shippingBillingMismatch = d.chance(0.7);
    if (d.chance(0.5)) {
      t.moveTo(d.chance(0.5) ? MerchantCategory.ELECTRONICS : MerchantCategory.GIFT_CARDS, d);
    }
    t.amount = LegitTraffic.clampAmount(t.amount * d.logNormal(3.0, 0.6));
    t.hourOfDay = d.uniform(0.0, 24.0);
  }

  /** A burst of sub-2.00 online payments, from a fresh device, at small-ticket merchants. */
  private static void cardTesting(RawTransaction t, RandomDraws d) {
    online(t, d);
    if (d.chance(0.8)) {
      t.moveTo(MerchantCategory.DIGITAL_GOODS, d);
    }
    t.merchantRisk = d.score(0.0, 1.0);
    t.microTxns1h = 3 + d.poisson(12.0);
    t.txnCount1h += t.microTxns1h;
    t.txnCount24h += t.microTxns1h;
    t.otherSpend24h += t.microTxns1h * d.uniform(0.5, 2.0);
    t.amount = d.chance(0.85) ? d.uniform(0.5, 2.0) : t.amount;
    t.deviceAgeDays = d.chance(0.4) ? d.uniform(0.0, 1.0) : t.deviceAgeDays;
    t.proxyOrVpn = d.chance(0.4);
    t.ipRisk = d.score(-1.0, 1.0);
    t.hoursSincePreviousTxn = d.uniform(0.02, 0.5);
    t.kmFromPreviousTxn = d.logNormal(0.5, 1.0); // the previous probe came from the same place
    t.hourOfDay = d.uniform(0.0, 24.0);
  }

  /** A young account spends many multiples of its usual ticket at high-risk merchants. */
  private static void bustOut(RawTransaction t, RandomDraws d) {
    t.accountAgeDays = d.uniform(60.0, 400.0);
    t.emailAgeDays = t.accountAgeDays + d.logNormal(30.0, 1.0);
    t.chargebacks = 0;
    if (d.chance(0.6)) {
      MerchantCategory[] risky = {
        MerchantCategory.ELECTRONICS, MerchantCategory.GIFT_CARDS, MerchantCategory.MONEY_TRANSFER
      };
      t.moveTo(risky[d.pick(new double[] {0.5, 0.3, 0.2})], d);
    }
    t.amount = LegitTraffic.clampAmount(t.accountAverageTicket * d.logNormal(8.0, 0.5));
    int extra = d.poisson(4.0);
    t.txnCount24h += extra;
    t.txnCount1h = Math.min(t.txnCount24h, t.txnCount1h + d.poisson(1.0));
    for (int i = 0; i < extra; i++) {
      t.otherSpend24h += t.accountAverageTicket * d.logNormal(5.0, 0.5);
    }
    t.hoursSincePreviousTxn = d.logNormal(2.0, 1.0);
  }

  /** A cloned card used abroad, hours after the last purchase near home. */
  private static void impossibleTravel(RawTransaction t, RandomDraws d) {
    t.cardPresent = d.chance(0.8);
    t.ecommerce = !t.cardPresent;
    t.distanceFromHomeKm = d.logNormal(3000.0, 0.7);
    t.countryMismatch = d.chance(0.85);
    t.kmFromPreviousTxn = t.distanceFromHomeKm * d.uniform(0.7, 1.0);
    t.hoursSincePreviousTxn = d.uniform(0.2, 4.0);
    t.hourOfDay = LegitTraffic.wrapHour(d.normal(3.0, 3.0));
    if (d.chance(0.4)) {
      t.moveTo(d.chance(0.5) ? MerchantCategory.ELECTRONICS : MerchantCategory.FUEL, d);
    }
    t.amount = LegitTraffic.clampAmount(t.amount * d.logNormal(2.0, 0.5));
  }

  private static void online(RawTransaction t, RandomDraws d) {
    t.cardPresent = false;
    t.ecommerce = true;
    t.countryMismatch = t.countryMismatch || d.chance(0.1);
  }
}
