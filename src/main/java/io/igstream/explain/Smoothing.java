package io.igstream.explain;

/**
 * SmoothGrad-style noise on top of IG: {@code samples} noisy copies {@code x + e}, {@code e_i ~
 * N(0, stdev^2)} drawn from a {@link java.util.SplittableRandom} seeded with {@code seed} mixed
 * with the input's hash, so one event gets the same noise whether explained alone or in a batch.
 *
 * <p>IG runs on every copy (same baselines); the attributions are aggregated by the {@link
 * NoiseTunnel}. SmoothGrad (the mean) keeps completeness only on average; SmoothGrad&sup2; and
 * VarGrad attributions do <em>not</em> sum to any {@code F} difference. The reported completeness
 * error is therefore the integration error only: the mean over samples of {@code sum_i IG_i(x+e) -
 * (F(x+e) - mean_j F(x'_j))}; the reported prediction is {@code F(x)} of the un-noised input.
 *
 * @param tunnel aggregation, {@link NoiseTunnel#NONE} for plain IG
 * @param samples number of noisy copies ({@code >= 1})
 * @param stdev absolute noise standard deviation in input units ({@code >= 0})
 * @param seed random seed
 */
public record Smoothing(NoiseTunnel tunnel, int samples, double stdev, long seed) {

  /** Validates the parameters. */
  public Smoothing {
    if (tunnel == null) {
      throw new IllegalArgumentException("noise tunnel must not be null");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("smoothing needs at least 1 sample, got " + samples);
    }
    if (!(stdev >= 0) || Double.isInfinite(stdev)) {
      throw new IllegalArgumentException("noise stdev must be finite and >= 0, got " + stdev);
    }
  }

  /** No smoothing: plain IG. */
  public static Smoothing none() {
    return new Smoothing(NoiseTunnel.NONE, 1, 0, 0);
  }

  /** Whether noise samples are drawn at all. */
  public boolean enabled() {
    return tunnel != NoiseTunnel.NONE;
  }
}
