package io.igstream.stream;

import org.apache.kafka.common.header.Headers;

/**
 * One selected input record waiting in the explain buffer: everything needed to explain it later,
 * or to dead-letter it with its original bytes, after a restart on another machine.
 *
 * @param source where it was read
 * @param timestamp the record timestamp (kept on the attribution)
 * @param arrivalMillis wall clock when the explainer received it (flush timer, explainMillis)
 * @param key original key bytes (may be null)
 * @param value original value bytes, decoded again at flush time
 * @param headers original headers
 */
record BufferedRecord(
    SourcePosition source,
    long timestamp,
    long arrivalMillis,
    byte[] key,
    byte[] value,
    Headers headers) {}
