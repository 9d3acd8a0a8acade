package io.igstream.app.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** One instance's answer to a local query, or why there was none (it is then unreachable). */
record PeerAnswer(String instance, Optional<ObjectNode> body, String error) {
  static PeerAnswer of(String instance, ObjectNode body) {
    return new PeerAnswer(instance, Optional.of(body), null);
  }

  static PeerAnswer failed(String instance, String error) {
    return new PeerAnswer(instance, Optional.empty(), error);
  }
}
