package io.igstream.stream;

/**
 * A catalog in use by one batch: while a lease is open, none of its models is closed, even when a
 * newer catalog has replaced it. Close it exactly once, when the batch is done.
 */
public interface CatalogLease extends AutoCloseable {
  ModelCatalog catalog();

  @Override
  void close();
}
