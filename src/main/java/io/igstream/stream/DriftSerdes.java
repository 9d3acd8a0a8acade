package io.igstream.stream;

import io.igstream.drift.AttributionProfile;
import io.igstream.drift.ProfileAccumulator;
import io.igstream.drift.ReferenceProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The private binary layouts of the drift repartition topic and the drift stores (and so of their
 * changelogs). Each value starts with a version byte, so a later layout can still read these.
 */
final class DriftSerdes {
  private static final byte VERSION = 1;

  private DriftSerdes() {}

  interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static Serde<DriftContribution> contribution() {
    return serde(
        "drift contribution",
        (out, c) -> {
          writeOptional(out, c.modelVersion());
          writeNames(out, c.featureNames());
          writeDoubles(out, c.attributions());
        },
        in -> new DriftContribution(readOptional(in), readNames(in), readDoubles(in)));
  }

  static Serde<DriftWindowState> window() {
    return serde(
        "drift window",
        (out, w) -> {
          writeOptional(out, w.lastVersion());
          writeNames(out, w.sums().featureNames());
          out.writeLong(w.sums().count());
          writeDoubles(out, w.sums().sumAbs());
          writeDoubles(out, w.sums().sum());
        },
        in -> {
          Optional<String> version = readOptional(in);
          ProfileAccumulator sums =
              new ProfileAccumulator(
                  readNames(in), in.readLong(), readDoubles(in), readDoubles(in));
          return new DriftWindowState(sums, version);
        });
  }

  static Serde<ModelDriftState> model() {
    return serde(
        "model drift state",
        (out, m) -> {
          out.writeLong(m.closedUntil());
          out.writeBoolean(m.firstWindow().isPresent());
          if (m.firstWindow().isPresent()) {
            ReferenceProfile r = m.firstWindow().get();
            out.writeUTF(r.model());
            writeOptional(out, r.modelVersion());
            out.writeUTF(r.label());
            writeNames(out, r.profile().featureNames());
            out.writeLong(r.profile().events());
            writeDoubles(out, r.profile().meanAbs());
            writeDoubles(out, r.profile().mean());
          }
        },
        in -> {
          long closedUntil = in.readLong();
          if (!in.readBoolean()) {
            return new ModelDriftState(closedUntil, Optional.empty());
          }
          String model = in.readUTF();
          Optional<String> version = readOptional(in);
          String label = in.readUTF();
          AttributionProfile profile =
              AttributionProfile.of(readNames(in), in.readLong(), readDoubles(in), readDoubles(in));
          return new ModelDriftState(
              closedUntil, Optional.of(new ReferenceProfile(model, version, profile, label)));
        });
  }

  private static <T> Serde<T> serde(String what, Writer<T> writer, Reader<T> reader) {
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writer.write(out, value);
          } catch (IOException e) {
            throw new SerializationException("cannot write " + what, e);
          }
          return bytes.toByteArray();
        },
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
              throw new SerializationException("unknown " + what + " layout version " + version);
            }
            return reader.read(in);
          } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("cannot read " + what + ": " + e.getMessage(), e);
          }
        });
  }

  private static void writeOptional(DataOutputStream out, Optional<String> value)
      throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeUTF(value.get());
    }
  }

  private static Optional<String> readOptional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
  }

  private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
    out.writeInt(names.size());
    for (String n : names) {
      out.writeUTF(n);
    }
  }

  private static List<String> readNames(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(in.readUTF());
    }
    return names;
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
