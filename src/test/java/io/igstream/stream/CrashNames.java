package io.igstream.stream;

/** Topic and application names of one crash scenario, shared by the test and its child JVM. */
record CrashNames(String name) {
  String predictions() {
    return name + "-predictions";
  }

  String attributions() {
    return name + "-attributions";
  }

  String deadLetters() {
    return name + "-dlq";
  }

  /** Also the consumer group whose committed offsets the test reads. */
  String applicationId() {
    return name + "-explainer";
  }
}
