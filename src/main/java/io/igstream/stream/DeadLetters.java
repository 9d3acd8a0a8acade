package io.igstream.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter: the original record's headers, then {@code igstream.dlq.*} headers
 * saying why and where from. The key and value stay the original bytes, so a fixed consumer can
 * replay the dead letter as it was.
 */
public final class DeadLetters {
  public static final String REASON_HEADER = "igstream.dlq.reason";
  public static final String MESSAGE_HEADER = "igstream.dlq.message";
  public static final String TOPIC_HEADER = "igstream.dlq.topic";
  public static final String PARTITION_HEADER = "igstream.dlq.partition";
  public static final String OFFSET_HEADER = "igstream.dlq.offset";

  /** Every header the explainer adds to a dead letter (a replay strips them). */
  public static final java.util.Set<String> NAMES =
      java.util.Set.of(
          REASON_HEADER, MESSAGE_HEADER, TOPIC_HEADER, PARTITION_HEADER, OFFSET_HEADER);

  private DeadLetters() {}

  /** A new header set; a record dead-lettered twice keeps only the latest igstream.dlq.* values. */
  static Headers headers(
      Headers original, DeadLetterReason reason, String message, SourcePosition source) {
    Headers headers = new RecordHeaders(original.toArray());
    for (String name :
        new String[] {
          REASON_HEADER, MESSAGE_HEADER, TOPIC_HEADER, PARTITION_HEADER, OFFSET_HEADER
        }) {
      headers.remove(name);
    }
    return headers
        .add(REASON_HEADER, utf8(reason.header()))
        .add(MESSAGE_HEADER, utf8(message))
        .add(TOPIC_HEADER, utf8(source.topic()))
        .add(PARTITION_HEADER, utf8(Integer.toString(source.partition())))
        .add(OFFSET_HEADER, utf8(Long.toString(source.offset())));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
