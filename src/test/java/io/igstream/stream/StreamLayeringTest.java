package io.igstream.stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The topology gets its serdes and models injected: it must not reach into the app (config parsing,
 * HTTP) or the Schema Registry serde, so it can be tested and reused without either.
 */
class StreamLayeringTest {

  @Test
  void shouldKeepTheStreamFreeOfAppAndSerde() {
    noClasses()
        .that()
        .resideInAPackage("io.igstream.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.igstream.app..", "io.igstream.serde..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.igstream.stream"));
  }
}
