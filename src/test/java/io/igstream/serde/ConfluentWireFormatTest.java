package io.igstream.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes written out by hand from the specifications, not from our own writer:
 *
 * <ul>
 *   <li>Confluent wire format — byte 0 magic byte {@code 0}, bytes 1-4 the 4-byte schema id, all
 *       big-endian, then Avro binary: <a
 *       href="https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/index.html#wire-format">docs.confluent.io
 *       … serdes-develop/index.html#wire-format</a>, also in <a
 *       href="https://github.com/confluentinc/schema-registry/blob/master/docs/serializer-formatter.rst">confluentinc/schema-registry
 *       docs/serializer-formatter.rst</a> ("Wire Format").
 *   <li>Avro binary encoding (zig-zag varints; strings as length + UTF-8): <a
 *       href="https://avro.apache.org/docs/1.12.0/specification/#binary-encoding">Avro 1.12
 *       specification, Binary Encoding</a>.
 * </ul>
 */
class ConfluentWireFormatTest {

  @Test
  void shouldFrameAStringValueExactlyAsTheSpecificationsSay() throws IOException {
    // id 1; Avro string "hello": length 5 zig-zags to 0x0a, then the UTF-8 bytes.
    byte[] golden = {0x00, 0x00, 0x00, 0x00, 0x01, 0x0a, 'h', 'e', 'l', 'l', 'o'};

    byte[] framed = ConfluentWireFormat.frame(1, avro("\"string\"", "hello"));

    assertArrayEquals(golden, framed);
  }

  @Test
  void shouldWriteTheSchemaIdBigEndianInBytesOneToFour() throws IOException {
    // id 0x01020304; Avro int 42 zig-zags to 84 = 0x54.
    byte[] golden = {0x00, 0x01, 0x02, 0x03, 0x04, 0x54};

    assertArrayEquals(golden, ConfluentWireFormat.frame(0x01020304, avro("\"int\"", 42)));
    assertEquals(0x01020304, ConfluentWireFormat.parse(golden).schemaId());
  }

  @Test
  void shouldReadTheIdAndPayloadOfHandWrittenBytes() {
    // id 258 = 0x00000102; Avro int -1 zig-zags to 1.
    byte[] golden = {0x00, 0x00, 0x00, 0x01, 0x02, 0x01};

    ConfluentWireFormat.Frame frame = ConfluentWireFormat.parse(golden);

    assertEquals(258, frame.schemaId());
    assertEquals(ByteBuffer.wrap(new byte[] {0x01}), frame.payload());
  }

  @Test
  void shouldUseAFiveByteHeader() {
    assertEquals(5, ConfluentWireFormat.HEADER_SIZE);
    assertArrayEquals(
        new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        ConfluentWireFormat.header(Integer.MAX_VALUE));
  }

  @Test
  void shouldRejectAnEmptyPayload() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConfluentWireFormat.parse(new byte[0]));
    assertTrue(e.getMessage().contains("empty payload"), e.getMessage());
  }

  @Test
  void shouldRejectAWrongMagicByteNamingIt() {
    byte[] plainJson = "{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConfluentWireFormat.parse(plainJson));

    assertTrue(
        e.getMessage().contains("not in Confluent wire format (magic byte 0x7b"), e.getMessage());
  }

  @Test
  void shouldRejectAHeaderCutShort() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConfluentWireFormat.parse(new byte[] {0x00, 0x00, 0x01}));
    assertTrue(e.getMessage().startsWith("truncated: 3 bytes"), e.getMessage());
  }

  private static byte[] avro(String schemaJson, Object value) throws IOException {
    Schema schema = new Schema.Parser().parse(schemaJson);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema).write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
