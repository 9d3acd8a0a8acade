package io.igstream.explain;

/** The part {@code [left.alpha, right.alpha]} of path {@code path}. */
record Piece(int path, Knot left, Knot right) {
  double width() {
    return right.alpha - left.alpha;
  }
}
