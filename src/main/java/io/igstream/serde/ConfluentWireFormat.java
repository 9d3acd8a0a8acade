package io.igstream.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's framing of a serialized value: {@code [0x00][schema id: 4 bytes, big-endian
 * int32][Avro binary, no container header]} — a 5-byte header in all: 1 magic byte, then the id in
 * bytes 1 to 4.
 *
 * @see <a
 *     href="https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format">Confluent
 *     wire format</a>
 */
public final class ConfluentWireFormat {
  /** Byte 0 of every framed value: Confluent's serialization format version, currently 0. */
  public static final byte MAGIC_BYTE = 0x0;

  /** Bytes before the payload: the magic byte plus a 4-byte (int32) schema id. */
  public static final int HEADER_SIZE = 1 + Integer.BYTES;

  private ConfluentWireFormat() {}

  /** A framed value taken apart: the schema id and the payload (a read-only view, not a copy). */
  public record Frame(int schemaId, ByteBuffer payload) {}

  /** Writes the 5-byte header for {@code schemaId}. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /** Prefixes {@code payload} with the header for {@code schemaId}. */
  public static byte[] frame(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(HEADER_SIZE + payload.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(payload)
        .array();
  }

  /**
   * Takes a framed value apart.
   *
   * @throws IllegalArgumentException when {@code data} is empty, does not start with the magic
   *     byte, or is too short to hold the schema id
   */
  public static Frame parse(byte[] data) {
    if (data == null || data.length == 0) {
      throw new IllegalArgumentException(
          "empty payload: not in Confluent wire format (needs a magic byte and a 4-byte schema id)");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new IllegalArgumentException(
          String.format(
              "not in Confluent wire format (magic byte 0x%02x, expected 0x00)", data[0] & 0xff));
    }
    if (data.length < HEADER_SIZE) {
      throw new IllegalArgumentException(
          "truncated: "
              + data.length
              + " bytes, but the Confluent wire format header alone takes "
              + HEADER_SIZE
              + " (magic byte + 4-byte schema id)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data).asReadOnlyBuffer();
    buffer.get();
    int schemaId = buffer.getInt();
    return new Frame(schemaId, buffer.slice());
  }
}
