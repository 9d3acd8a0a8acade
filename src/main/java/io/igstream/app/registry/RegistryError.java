package io.igstream.app.registry;

/**
 * An error answer in Confluent's shape: HTTP status plus {@code {"error_code": N, "message":
 * "..."}}.
 */
final class RegistryError extends RuntimeException {
  static final int SUBJECT_NOT_FOUND = 40401;
  static final int VERSION_NOT_FOUND = 40402;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
  static final int INCOMPATIBLE = 409;
  static final int INVALID_SCHEMA = 42201;
  static final int INVALID_VERSION = 42202;
  static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  private final int httpStatus;
  private final int errorCode;

  RegistryError(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  int httpStatus() {
    return httpStatus;
  }

  int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(String subject, int version) {
    return new RegistryError(
        404, VERSION_NOT_FOUND, "Version " + version + " not found for subject '" + subject + "'.");
  }

  static RegistryError schemaNotFound(String what) {
    return new RegistryError(404, SCHEMA_NOT_FOUND, "Schema not found: " + what);
  }

  static RegistryError invalidSchema(String why) {
    return new RegistryError(422, INVALID_SCHEMA, "Invalid schema: " + why);
  }
}
