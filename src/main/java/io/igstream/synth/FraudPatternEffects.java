package io.igstream.synth;

/**
 * Turns a legitimate draw into fraud of one pattern. Each fraud case gets an intensity in (0, 1]:
 * most cases are blatant, about one in five is subtle, and every signal fires only with a
 * probability scaled by the intensity. Together with the legitimate look-alikes of {@link
 * LegitTraffic} this keeps the classes overlapping. Each pattern moves its own group of features.
 */
final class FraudPatternEffects {
  private static final MerchantCategory[] BUST_OUT_CATEGORIES = {
    MerchantCategory.ELECTRONICS, MerchantCategory.GIFT_CARDS, MerchantCategory.MONEY_TRANSFER
  };
  private static final double[] BUST_OUT_CATEGORY_SHARES = {0.5, 0.3, 0.2};

  private FraudPatternEffects() {}

  static void apply(FraudPattern pattern, RawTransaction t, RandomDraws d) {
    if (pattern == FraudPattern.LEGIT) {
      return;
    }
    double s = d.chance(0.2) ? d.uniform(0.05, 0.4) : d.uniform(0.6, 1.0);
    switch (pattern) {
      case ACCOUNT_TAKEOVER -> accountTakeover(t, d, s);
      case CARD_TESTING -> cardTesting(t, d, s);
      case BUST_OUT -> bustOut(t, d, s);
      case IMPOSSIBLE_TRAVEL -> impossibleTravel(t, d, s);
      case LEGIT -> throw new AssertionError("handled above");
    }
  }

  /** Someone else logged into the account from their own device and orders goods online. */
  private static void accountTakeover(RawTransaction t, RandomDraws d, double s) {
    online(t, d);
    if (d.chance(0.85 * s)) {
      t.deviceAgeDays = d.uniform(0.0, 1.0);
    } else if (d.chance(0.5 * s)) {
      t.deviceAgeDays = d.logNormal(20.0, 1.0);
    }
    t.deviceIpMismatch |= d.chance(0.7 * s);
    t.passwordResetRecent |= d.chance(0.65 * s);
    t.failedAuth24h += d.poisson(2.5 * s);
    t.proxyOrVpn |= d.chance(0.45 * s);
    t.ipRisk = Math.max(t.ipRisk, d.score(-3.0 + 2.5 * s, 1.0));
    t.shippingBillingMismatch |= d.chance(0.7 * s);
    if (d.chance(0.5 * s)) {
      t.moveTo(d.chance(0.5) ? MerchantCategory.ELECTRONICS : MerchantCategory.GIFT_CARDS, d);
    }
    t.amount = LegitTraffic.clampAmount(t.amount * d.logNormal(1.0 + 2.0 * s, 0.6));
    if (d.chance(s)) {
      t.hourOfDay = d.uniform(0.0, 24.0);
    }
  }

  /** A burst of sub-2.00 online payments, from a fresh device, at small-ticket merchants. */
  private static void cardTesting(RawTransaction t, RandomDraws d, double s) {
    online(t, d);
    if (d.chance(0.8 * s)) {
      t.moveTo(MerchantCategory.DIGITAL_GOODS, d);
    }
    t.merchantRisk = Math.max(t.merchantRisk, d.score(-2.5 + 2.5 * s, 1.0));
    int probes = 1 + d.poisson(14.0 * s);
    t.microTxns1h += probes;
    t.txnCount1h += probes;
    t.txnCount24h += probes;
    t.otherSpend24h += probes * d.uniform(0.5, 2.0);
    if (d.chance(0.6 + 0.3 * s)) {
      t.amount = d.uniform(0.5, 2.0);
    }
    if (d.chance(0.4 * s)) {
      t.deviceAgeDays = d.uniform(0.0, 1.0);
    }
    t.proxyOrVpn |= d.chance(0.4 * s);
    t.ipRisk = Math.max(t.ipRisk, d.score(-3.0 + 2.0 * s, 1.0));
    t.hoursSincePreviousTxn = d.uniform(0.02, 0.5) + (1.0 - s) * d.uniform(0.0, 12.0);
    t.kmFromPreviousTxn = d.logNormal(0.5, 1.0); // the previous probe came from the same place
    if (d.chance(s)) {
      t.hourOfDay = d.uniform(0.0, 24.0);
    }
  }

  /** A young account spends many multiples of its usual ticket at high-risk merchants. */
  private static void bustOut(RawTransaction t, RandomDraws d, double s) {
    if (d.chance(0.5 + 0.5 * s)) {
      t.accountAgeDays = d.uniform(60.0, 400.0);
      t.emailAgeDays = t.accountAgeDays + d.logNormal(30.0, 1.0);
    }
    t.chargebacks = 0;
    if (d.chance(0.6 * s)) {
      t.moveTo(BUST_OUT_CATEGORIES[d.pick(BUST_OUT_CATEGORY_SHARES)], d);
    }
    t.amount =
        LegitTraffic.clampAmount(t.accountAverageTicket * d.logNormal(Math.pow(8.0, s), 0.5));
    int extra = d.poisson(4.0 * s);
    t.txnCount24h += extra;
    t.txnCount1h = Math.min(t.txnCount24h, t.txnCount1h + d.poisson(s));
    for (int i = 0; i < extra; i++) {
      t.otherSpend24h += t.accountAverageTicket * d.logNormal(Math.pow(5.0, s), 0.5);
    }
    t.hoursSincePreviousTxn = Math.min(t.hoursSincePreviousTxn, d.logNormal(2.0, 1.0));
  }

  /** A cloned card used far away, hours after the last purchase near home. */
  private static void impossibleTravel(RawTransaction t, RandomDraws d, double s) {
    t.cardPresent = d.chance(0.8);
    t.ecommerce = !t.cardPresent;
    t.distanceFromHomeKm = d.logNormal(300.0 + 2700.0 * s, 0.7);
    t.countryMismatch = d.chance(0.85 * s);
    t.kmFromPreviousTxn = t.distanceFromHomeKm * d.uniform(0.7, 1.0);
    t.hoursSincePreviousTxn = d.uniform(0.2, 4.0) + (1.0 - s) * d.uniform(0.0, 8.0);
    if (d.chance(s)) {
      t.hourOfDay = LegitTraffic.wrapHour(d.normal(3.0, 3.0));
    }
    if (d.chance(0.4 * s)) {
      t.moveTo(d.chance(0.5) ? MerchantCategory.ELECTRONICS : MerchantCategory.FUEL, d);
    }
    t.amount = LegitTraffic.clampAmount(t.amount * d.logNormal(1.0 + s, 0.5));
  }

  private static void online(RawTransaction t, RandomDraws d) {
    t.cardPresent = false;
    t.ecommerce = true;
    t.countryMismatch = t.countryMismatch || d.chance(0.1);
  }
}
