package io.igstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.igstream.explain.GradientFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleAndErrorsTest {
  @TempDir static Path tmp;
  static Path dir;

  @BeforeAll
  static void writeFixture() throws Exception {
    dir = tmp.resolve("two_inputs");
    GraphFixtures.twoInputs(dir);
  }

  @Test
  void shouldThrowIllegalStateWhenUsedAfterClose() {
    SavedModel model = SavedModel.load(dir);
    GradientFunction f =
        model.gradient(
            GradientSpec.of("serving_default")
                .withInput("x")
                .withSideInputs(SideInputs.none().withFixed("z", 1, 1)));
    model.close();
    model.close(); // idempotent
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> f.evaluate(new double[3], new int[1], 1, new double[1], new double[3]));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, model::signatures);
    ProbeResult probe = model.probe("serving_default");
    assertFalse(probe.ok());
    assertTrue(probe.message().contains("closed"), probe.message());
  }

  @Test
  void shouldListSignaturesWithKeysTensorsDtypesAndShapes() {
    try (SavedModel model = SavedModel.load(dir)) {
      List<SignatureInfo> sigs = model.signatures();
      assertEquals(1, sigs.size());
      SignatureInfo s = sigs.get(0);
      assertEquals("serving_default", s.key());
      TensorInfo z = s.input("z").orElseThrow();
      assertEquals("z:0", z.tensorName());
      assertEquals("DT_FLOAT", z.dtype());
      assertEquals(List.of(-1L, 2L), z.shape());
      assertEquals("y", s.outputs().get(0).key());
    }
  }

  @Test
  void shouldExplainAMissingDirectory() {
    ModelException e =
        assertThrows(ModelException.class, () -> SavedModel.load(tmp.resolve("nowhere")));
    assertTrue(
        e.getMessage().contains("nowhere") && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void shouldExplainADirectoryThatIsNotASavedModel() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    ModelException e = assertThrows(ModelException.class, () -> SavedModel.load(empty));
    assertTrue(e.getMessage().contains("is not a SavedModel"), e.getMessage());
  }

  @Test
  void shouldExplainAWrongTag() {
    ModelException e = assertThrows(ModelException.class, () -> SavedModel.load(dir, "train"));
    assertTrue(e.getMessage().contains("tag 'train'"), e.getMessage());
  }

  @Test
  void shouldListAvailableSignaturesInputsAndOutputsWhenOneIsUnknown() {
    try (SavedModel model = SavedModel.load(dir)) {
      ModelException sig =
          assertThrows(ModelException.class, () -> model.gradient(GradientSpec.of("predict")));
      assertTrue(
          sig.getMessage().startsWith("signature 'predict' not found in")
              && sig.getMessage()
                  .contains("available: serving_default; choose one with --signature"),
          sig.getMessage());
      ModelException in =
          assertThrows(
              ModelException.class,
              () -> model.gradient(GradientSpec.of("serving_default").withInput("q")));
      assertTrue(
          in.getMessage().contains("input 'q' not found")
              && in.getMessage().contains("available: x, z"),
          in.getMessage());
      ModelException out =
          assertThrows(
              ModelException.class,
              () ->
                  model.gradient(
                      GradientSpec.of("serving_default").withInput("x").withOutput("p")));
      assertTrue(
          out.getMessage().contains("output 'p' not found")
              && out.getMessage().contains("available: y"),
          out.getMessage());
    }
  }

  @Test
  void shouldRefuseASideInputTheSignatureDoesNotHave() {
    try (SavedModel model = SavedModel.load(dir)) {
      ModelException e =
          assertThrows(
              ModelException.class,
              () ->
                  model.gradient(
                      GradientSpec.of("serving_default")
                          .withInput("x")
                          .withSideInputs(
                              SideInputs.none().withFixed("z", 1, 1).withFixed("w", 2))));
      assertTrue(e.getMessage().contains("side input 'w' is not an input"), e.getMessage());
    }
  }
}
