package io.igstream.synth;

/**
 * Draws ordinary customer transactions, including the legitimate look-alikes of fraud that keep the
 * classes overlapping: travellers abroad, customers on a new phone, privacy VPN users, rare big
 * purchases and the odd late-night payment.
 */
final class LegitTraffic {
  private static final MerchantCategory[] CATEGORIES = MerchantCategory.values();
  private static final double[] CATEGORY_SHARES = MerchantCategory.legitShares();

  private LegitTraffic() {}

  static RawTransaction draw(RandomDraws d) {
    RawTransaction t = new RawTransaction();
    t.accountAgeDays = Math.min(7000.0, Math.max(1.0, d.logNormal(900.0, 0.9)));
    t.emailAgeDays = t.accountAgeDays + d.logNormal(400.0, 1.0);
    t.accountAverageTicket = d.logNormal(45.0, 0.6);
    t.chargebacks = d.poisson(0.05);

    t.moveTo(CATEGORIES[d.pick(CATEGORY_SHARES)], d);
    t.amount = Math.sqrt(t.accountAverageTicket * t.merchantAverageTicket) * d.logNormal(1.0, 0.6);
    if (d.chance(0.03)) {
      t.amount *= d.logNormal(6.0, 0.5); // the yearly television
    }
    t.amount = clampAmount(t.amount);
    t.cardPresent = d.chance(t.category.cardPresentShare);
    t.ecommerce = !t.cardPresent && d.chance(0.9);

    t.txnCount24h = 1 + d.poisson(2.5);
    t.txnCount1h = Math.min(t.txnCount24h, 1 + d.poisson(0.25));
    for (int i = 1; i < t.txnCount24h; i++) {
      t.otherSpend24h += t.accountAverageTicket * d.logNormal(1.0, 0.6);
    }
    t.microTxns1h = Math.min(t.txnCount1h - 1, d.poisson(0.05));

    t.deviceAgeDays = d.chance(0.03) ? d.uniform(0.0, 1.0) : d.logNormal(250.0, 1.0);
    t.proxyOrVpn = d.chance(0.05);
    t.deviceIpMismatch = d.chance(t.proxyOrVpn ? 0.4 : 0.04);
    t.ipRisk = d.score(t.proxyOrVpn ? -1.5 : -3.0, 0.8);
    t.failedAuth24h = d.poisson(0.15);
    t.passwordResetRecent = d.chance(0.015);
    t.shippingBillingMismatch = t.ecommerce && d.chance(0.08);

    t.hourOfDay = wrapHour(d.chance(0.05) ? d.uniform(0.0, 24.0) : d.normal(14.0, 4.0));
    t.hoursSincePreviousTxn = d.logNormal(20.0, 1.2);
    if (d.chance(0.04)) {
      travelling(t, d);
    } else {
      t.distanceFromHomeKm = d.logNormal(8.0, 1.0);
      t.countryMismatch = t.ecommerce && d.chance(0.05); // a foreign web shop
      t.kmFromPreviousTxn = d.logNormal(5.0, 1.2);
    }
    lookAlikes(t, d);
    return t;
  }

  /** Legitimate behaviour that resembles one fraud pattern each. */
  private static void lookAlikes(RawTransaction t, RandomDraws d) {
    if (d.chance(0.01)) { // new phone, forgot the password: looks like a takeover
      t.deviceAgeDays = d.uniform(0.0, 1.0);
      t.passwordResetRecent = true;
      t.failedAuth24h += 1 + d.poisson(1.0);
      t.deviceIpMismatch |= d.chance(0.3);
    }
    if (d.chance(0.02)) { // parking meters, transit taps, 1.00 verification holds
      int micro = 1 + d.poisson(1.0);
      t.microTxns1h += micro;
      t.txnCount1h += micro;
      t.txnCount24h += micro;
      t.amount = d.chance(0.5) ? d.uniform(0.5, 2.0) : t.amount;
    }
    if (d.chance(0.01)) { // holiday shopping spree
      int extra = 1 + d.poisson(3.0);
      t.txnCount24h += extra;
      for (int i = 0; i < extra; i++) {
        t.otherSpend24h += t.accountAverageTicket * d.logNormal(3.0, 0.5);
      }
      t.amount = clampAmount(t.amount * d.logNormal(3.0, 0.5));
    }
    if (t.ecommerce && d.chance(0.02)) { // VPN exit abroad: the IP location jumps
      t.proxyOrVpn = true;
      t.kmFromPreviousTxn = d.logNormal(2000.0, 0.8);
      t.hoursSincePreviousTxn = d.uniform(0.5, 6.0);
      t.countryMismatch |= d.chance(0.5);
    }
  }

  /** A traveller: far from home, often abroad, but no faster than a plane. */
  private static void travelling(RawTransaction t, RandomDraws d) {
    t.distanceFromHomeKm = d.logNormal(1500.0, 0.8);
    t.countryMismatch = d.chance(0.6);
    if (d.chance(0.3)) { // first payment after landing
      t.kmFromPreviousTxn = t.distanceFromHomeKm * d.uniform(0.5, 1.0);
      t.hoursSincePreviousTxn = t.kmFromPreviousTxn / d.uniform(300.0, 750.0) + d.uniform(1, 4);
    } else {
      t.kmFromPreviousTxn = d.logNormal(5.0, 1.2);
    }
  }

  static double clampAmount(double amount) {
    return Math.min(20000.0, Math.max(0.5, amount));
  }

  static double wrapHour(double hour) {
    double wrapped = hour % 24.0;
    return wrapped < 0.0 ? wrapped + 24.0 : wrapped;
  }
}
