package io.igstream.stream;

/** What made the explain buffer flush: a full batch, or the wall-clock timer. */
public enum FlushTrigger {
  SIZE("size"),
  TIMER("timer");

  private final String label;

  FlushTrigger(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
