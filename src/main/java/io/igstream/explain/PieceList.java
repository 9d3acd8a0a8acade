package io.igstream.explain;

import java.util.Arrays;

/**
 * Pieces {@code [alpha(left), alpha(right)]} of paths, as knot indices into a {@link KnotTable}, in
 * flat arrays (no object per piece). Kink layers before {@code from} keep their pattern on a piece:
 * it was cut out at every crossing of layer {@code from - 1}, on a piece where the layers before
 * that one were constant.
 */
final class PieceList {
  private int size;
  private int[] paths;
  private int[] lefts;
  private int[] rights;
  private int[] froms;

  PieceList(int expectedPieces) {
    int capacity = Math.max(4, expectedPieces);
    paths = new int[capacity];
    lefts = new int[capacity];
    rights = new int[capacity];
    froms = new int[capacity];
  }

  void add(int path, int left, int right, int from) {
    if (size == paths.length) {
      int capacity = 2 * size;
      paths = Arrays.copyOf(paths, capacity);
      lefts = Arrays.copyOf(lefts, capacity);
      rights = Arrays.copyOf(rights, capacity);
      froms = Arrays.copyOf(froms, capacity);
    }
    paths[size] = path;
    lefts[size] = left;
    rights[size] = right;
    froms[size] = from;
    size++;
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int path(int piece) {
    return paths[piece];
  }

  int left(int piece) {
    return lefts[piece];
  }

  int right(int piece) {
    return rights[piece];
  }

  int from(int piece) {
    return froms[piece];
  }
}
