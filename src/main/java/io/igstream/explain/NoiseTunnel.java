package io.igstream.explain;

import java.util.Locale;

/**
 * How IG attributions of noisy copies {@code x + e}, {@code e ~ N(0, sigma^2)} per feature, are
 * aggregated (as Captum's {@code NoiseTunnel}): {@code smoothgrad} takes the mean, {@code
 * smoothgrad_sq} the mean of squares, {@code vargrad} the (population) variance; {@code none} turns
 * smoothing off.
 *
 * @see <a href="https://arxiv.org/abs/1706.03825">Smilkov et al., "SmoothGrad", 2017</a>
 * @see <a href="https://arxiv.org/abs/1810.03292">Adebayo et al., "Sanity Checks for Saliency
 *     Maps", 2018 (VarGrad)</a>
 */
public enum NoiseTunnel {
  NONE("none"),
  SMOOTHGRAD("smoothgrad"),
  SMOOTHGRAD_SQ("smoothgrad_sq"),
  VARGRAD("vargrad");

  private final String publicName;

  NoiseTunnel(String publicName) {
    this.publicName = publicName;
  }

  /** The name used in configuration and audit output. */
  public String publicName() {
    return publicName;
  }

  /**
   * Parses a name case-insensitively.
   *
   * @throws IllegalArgumentException listing the valid names otherwise
   */
  public static NoiseTunnel parse(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (NoiseTunnel tunnel : values()) {
      if (tunnel.publicName.equals(key)) {
        return tunnel;
      }
    }
    throw new IllegalArgumentException(
        "unknown noise tunnel '" + name + "'; valid: none, smoothgrad, smoothgrad_sq, vargrad");
  }
}
