package io.igstream.app;

/** Entry point of {@code bin/igstream}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("igstream");
  }
}
