package io.igstream.synth;

/** Merchant categories with the properties the generator needs; numbers are plausible, not real. */
enum MerchantCategory {
  GROCERY(0.05, 40.0, false, 0.85, 0.30),
  RESTAURANT(0.08, 35.0, false, 0.80, 0.20),
  FUEL(0.12, 50.0, false, 0.95, 0.12),
  APPAREL(0.25, 70.0, false, 0.50, 0.12),
  DIGITAL_GOODS(0.45, 12.0, false, 0.02, 0.10),
  TRAVEL(0.35, 400.0, false, 0.20, 0.06),
  ELECTRONICS(0.70, 300.0, true, 0.40, 0.06),
  GIFT_CARDS(0.90, 100.0, true, 0.30, 0.02),
  MONEY_TRANSFER(1.00, 250.0, true, 0.05, 0.02);

  /** Category fraud rate relative to the riskiest category, [0, 1]. */
  final double risk;

  /** Typical ticket at merchants of this category. */
  final double averageTicket;

  /** On the high-risk MCC list. */
  final boolean highRisk;

  /** Share of this category's payments made with the card present. */
  final double cardPresentShare;

  /** Share of legitimate traffic going to this category. */
  final double legitShare;

  MerchantCategory(
      double risk,
      double averageTicket,
      boolean highRisk,
      double cardPresentShare,
      double legitShare) {
    this.risk = risk;
    this.averageTicket = averageTicket;
    this.highRisk = highRisk;
    this.cardPresentShare = cardPresentShare;
    this.legitShare = legitShare;
  }

  static double[] legitShares() {
    MerchantCategory[] all = values();
    double[] shares = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      shares[i] = all[i].legitShare;
    }
    return shares;
  }
}
