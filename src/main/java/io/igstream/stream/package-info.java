/**
 * The streaming explainer: the Kafka Streams topology that reads {@code PredictionEvent}s, explains
 * them with Integrated Gradients and writes {@code AttributionEvent}s, exactly once. The only
 * package that imports Kafka Streams.
 *
 * <ul>
 *   <li>{@link io.igstream.stream.ExplainerTopology#build} — the topology, a pure function of
 *       {@link io.igstream.stream.ExplainerStreamConfig}, a {@link io.igstream.stream.ModelSource}
 *       (a fixed {@link io.igstream.stream.ModelCatalog} or a rotating {@link
 *       io.igstream.stream.LiveCatalog}), the serdes and {@link io.igstream.stream.StreamMetrics}.
 *   <li>{@link io.igstream.stream.StreamsSettings} — the Kafka Streams properties ({@code
 *       exactly_once_v2}, byte-array default serdes), kept apart from the topology.
 *   <li>{@code ExplainProcessor} — batching in a changelogged store, and why that loses and
 *       duplicates nothing across crashes.
 *   <li>{@link io.igstream.stream.DeadLetterReason} — what goes to the dead-letter topic, with the
 *       {@code igstream.dlq.*} headers.
 * </ul>
 */
package io.igstream.stream;
