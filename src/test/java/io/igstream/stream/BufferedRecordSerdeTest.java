package io.igstream.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The buffer entry format: everything needed after a restore survives the changelog. */
class BufferedRecordSerdeTest {

  @Test
  void shouldRoundTripEveryFieldIncludingNullsAndRepeatedHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", new byte[] {1, 2});
    headers.add("trace", null);
    headers.add("ünïcode", new byte[0]);
    BufferedRecord r =
        new BufferedRecord(
            new SourcePosition("predictions", 7, 123_456_789_012L),
            1_700_000_000_000L,
            1_700_000_000_123L,
            null,
            new byte[] {9, 8, 7},
            headers);
    BufferedRecord back = BufferedRecordSerde.read(BufferedRecordSerde.write(r));
    assertEquals(r.source(), back.source());
    assertEquals(r.timestamp(), back.timestamp());
    assertEquals(r.arrivalMillis(), back.arrivalMillis());
    assertNull(back.key());
    assertArrayEquals(r.value(), back.value());
    Header[] h = back.headers().toArray();
    assertEquals(3, h.length);
    assertEquals("trace", h[0].key());
    assertArrayEquals(new byte[] {1, 2}, h[0].value());
    assertNull(h[1].value());
    assertEquals("ünïcode", h[2].key());
  }

  @Test
  void shouldRefuseAnUnknownLayoutVersion() {
    assertThrows(SerializationException.class, () -> BufferedRecordSerde.read(new byte[] {2, 0}));
  }

  @Test
  void shouldOrderBufferKeysLikeOffsets() {
    String a = new SourcePosition("t", 0, 9).bufferKey();
    String b = new SourcePosition("t", 0, 10).bufferKey();
    String c = new SourcePosition("t", 1, 0).bufferKey();
    assertEquals(-1, Integer.signum(a.compareTo(b)));
    assertEquals(-1, Integer.signum(b.compareTo(c)));
  }
}
