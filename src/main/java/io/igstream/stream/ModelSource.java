package io.igstream.stream;

/**
 * Where the topology finds its models: a fixed {@link ModelCatalog}, or a {@link LiveCatalog} whose
 * models are rotated while the stream runs. Validation reads {@link #current()}; an explain call
 * holds a {@link #lease()} for its whole batch, so every event of the batch is explained by the
 * models that were served when the batch started, and none of them is closed under it.
 */
public interface ModelSource {
  /** The catalog served right now (for checks that do not run a model). */
  ModelCatalog current();

  /** The catalog served right now, kept open until the lease is closed. */
  CatalogLease lease();
}
