package io.igstream.stream;

/**
 * Store keys whose text order is numeric order: a non-negative number left-padded with zeros to a
 * fixed width, as {@code String.format("%0<width>d", n)} writes it, without the formatter's cost
 * (it is called for every record).
 */
final class ZeroPadded {
  private ZeroPadded() {}

  /**
   * Appends {@code n} padded to {@code width} digits; a negative number or one wider than {@code
   * width} is appended as {@link String#format} would ({@code -} sign first, never truncated).
   */
  static StringBuilder append(StringBuilder to, long n, int width) {
    if (n < 0) {
      return to.append(String.format("%0" + width + "d", n));
    }
    String digits = Long.toString(n);
    for (int i = digits.length(); i < width; i++) {
      to.append('0');
    }
    return to.append(digits);
  }
}
