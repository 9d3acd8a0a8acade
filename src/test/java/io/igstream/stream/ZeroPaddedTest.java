package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZeroPaddedTest {
  private static String padded(long n, int width) {
    return ZeroPadded.append(new StringBuilder(), n, width).toString();
  }

  @Test
  void shouldWriteWhatStringFormatWrites() {
    long[] edges = {0, 1, 9, 10, 99, 12345, Integer.MAX_VALUE, Long.MAX_VALUE, -1, -42};
    SplittableRandom random = new SplittableRandom(7);
    for (int width : new int[] {1, 10, 19}) {
      for (long n : edges) {
        assertEquals(String.format("%0" + width + "d", n), padded(n, width), n + " in " + width);
      }
      for (int i = 0; i < 1000; i++) {
        long n = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
        assertEquals(String.format("%0" + width + "d", n), padded(n, width), n + " in " + width);
      }
    }
  }

  @Test
  void shouldKeepTheBufferKeysTextOrderTheNumericOrder() {
    SourcePosition a = new SourcePosition("t", 2, 999);
    SourcePosition b = new SourcePosition("t", 2, 1000);
    SourcePosition c = new SourcePosition("t", 10, 0);
    assertEquals("0000000002-0000000000000000999", a.bufferKey());
    assertEquals(-1, Integer.signum(a.bufferKey().compareTo(b.bufferKey())));
    assertEquals(-1, Integer.signum(b.bufferKey().compareTo(c.bufferKey())));
    assertEquals("fraud" + "@0000000000000060000", DriftProcessor.key("fraud", 60_000));
  }
}
