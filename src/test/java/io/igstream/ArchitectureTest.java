package io.igstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering, checked by the build: {@code explain} (IG math, java.* only) &larr; {@code model}
 * (TF Java) &larr; {@code stream} (Kafka Streams) &larr; {@code app} (CLI, config, HTTP). {@code
 * spec} (model specs, JSON only), {@code synth}, {@code serde}, {@code reasons} and {@code drift}
 * sit beside them. Think hard before loosening a rule here.
 */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.igstream");
  }

  /** Every rule below would pass vacuously on an empty package: prove each layer is there. */
  @Test
  void shouldFindClassesInEveryLayer() {
    for (String layer :
        List.of("explain", "model", "spec", "synth", "serde", "drift", "stream", "app")) {
      String pkg = "io.igstream." + layer;
      assertTrue(
          production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)),
          "no production classes in " + pkg);
    }
  }

  @Test
  void shouldKeepTheStreamFreeOfAppAndSerde() {
    // The topology gets its serdes and models injected, so it is tested and reused without them.
    noClasses()
        .that()
        .resideInAPackage("io.igstream.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.igstream.app..", "io.igstream.serde..")
        .check(production);
  }

  @Test
  void shouldKeepExplainPureJava() {
    classes()
        .that()
        .resideInAPackage("io.igstream.explain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.igstream.explain..")
        .check(production);
  }

  @Test
  void shouldKeepPureBesidePackagesFreeOfFrameworks() {
    classes()
        .that()
        .resideInAnyPackage("io.igstream.synth..", "io.igstream.reasons..", "io.igstream.drift..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.igstream.explain..",
            "io.igstream.synth..",
            "io.igstream.reasons..",
            "io.igstream.drift..")
        .allowEmptyShould(true)
        .check(production);
  }

  @Test
  void shouldKeepSpecsFreeOfTensorFlowAndTheLayersAbove() {
    classes()
        .that()
        .resideInAPackage("io.igstream.spec..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "com.fasterxml.jackson..", "io.igstream.spec..")
        .check(production);
  }

  @Test
  void shouldImportTensorFlowOnlyInModel() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.igstream.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.tensorflow..")
        .check(production);
  }

  @Test
  void shouldImportKafkaStreamsOnlyInStream() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.igstream.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka.streams..")
        .check(production);
  }

  @Test
  void shouldKeepSerdeOnKafkaClientsSerializationAvroAndJackson() {
    classes()
        .that()
        .resideInAPackage("io.igstream.serde..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.net.ssl..",
            "org.apache.avro..",
            "com.fasterxml.jackson..",
            "org.apache.kafka.common.serialization..",
            "org.apache.kafka.common.header..",
            "org.apache.kafka.common.errors..",
            "io.igstream.serde..")
        .check(production);
  }

  @Test
  void shouldNotLetModelReachUpTheLayers() {
    noClasses()
        .that()
        .resideInAnyPackage("io.igstream.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.igstream.stream..", "io.igstream.app..", "io.igstream.serde..")
        .check(production);
  }

  @Test
  void shouldLetNothingImportApp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.igstream.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.igstream.app..")
        .check(production);
  }
}
