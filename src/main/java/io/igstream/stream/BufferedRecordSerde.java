package io.igstream.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The explain buffer's value format (also its changelog topic's). A private, versioned binary
 * layout: the buffer holds the ORIGINAL value bytes, so it needs no schema of its own and survives
 * a PredictionEvent schema change; the leading version byte lets a later layout read older entries.
 */
final class BufferedRecordSerde {
  private static final byte VERSION = 1;

  private BufferedRecordSerde() {}

  static Serde<BufferedRecord> serde() {
    Serializer<BufferedRecord> serializer = (topic, record) -> write(record);
    Deserializer<BufferedRecord> deserializer = (topic, bytes) -> read(bytes);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  static byte[] write(BufferedRecord r) {
    if (r == null) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + r.value().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(r.source().topic());
      out.writeInt(r.source().partition());
      out.writeLong(r.source().offset());
      out.writeLong(r.timestamp());
      out.writeLong(r.arrivalMillis());
      writeBytes(out, r.key());
      writeBytes(out, r.value());
      Header[] headers = r.headers().toArray();
      out.writeInt(headers.length);
      for (Header h : headers) {
        writeBytes(out, h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeBytes(out, h.value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static BufferedRecord read(byte[] data) {
    if (data == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException("unknown explain-buffer entry version " + version);
      }
      SourcePosition source = new SourcePosition(in.readUTF(), in.readInt(), in.readLong());
      long timestamp = in.readLong();
      long arrival = in.readLong();
      byte[] key = readBytes(in);
      byte[] value = readBytes(in);
      int headerCount = in.readInt();
      Headers headers = new RecordHeaders();
      for (int i = 0; i < headerCount; i++) {
        byte[] name = readBytes(in);
        headers.add(new String(name, java.nio.charset.StandardCharsets.UTF_8), readBytes(in));
      }
      return new BufferedRecord(source, timestamp, arrival, key, value, headers);
    } catch (IOException e) {
      throw new SerializationException("corrupt explain-buffer entry", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] b = new byte[length];
    in.readFully(b);
    return b;
  }
}
