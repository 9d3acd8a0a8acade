package io.igstream.explain;

/**
 * The part {@code [left.alpha, right.alpha]} of path {@code path}; kink layers before {@code
 * fromLayer} are known to keep their pattern on it (the piece was cut out at every crossing of
 * layer {@code fromLayer - 1}, on a piece where the layers before that one were constant).
 */
record Piece(int path, Knot left, Knot right, int fromLayer) {
  Piece(int path, Knot left, Knot right) {
    this(path, left, right, 0);
  }

  double width() {
    return right.alpha - left.alpha;
  }
}
