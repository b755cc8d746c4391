package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.testing.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's native libraries come from the model cache, in a JVM of their own: nothing is left in the temp dir. */
class OnnxRuntimeLibrariesIT {
  @TempDir
  Path tmp;

  @Test
  void scoringTwiceLeavesNothingInTheTempDirAndCopiesTheLibrariesOnce() throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    Path cache = tmp.resolve("model-cache");

    assertThat(score(javaTmp, cache)).isZero();
    try (Stream<Path> left = Files.list(javaTmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("onnxruntime-java"));
    }
    List<Path> copied = libraries(cache);
    long copiedAt = Files.getLastModifiedTime(copied.get(0)).toMillis();
    assertThat(score(javaTmp, cache)).isZero();
    assertThat(copied).extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
    assertThat(libraries(cache)).isEqualTo(copied);
    assertThat(Files.getLastModifiedTime(copied.get(0)).toMillis()).as("not copied again").isEqualTo(copiedAt);
  }

  @Test
  void knowsTheFoldersOnnxRuntimeShips() {
    assertThat(OnnxRuntimeLibraries.platform("Linux", "amd64")).contains("linux-x64");
    assertThat(OnnxRuntimeLibraries.platform("Linux", "aarch64")).contains("linux-aarch64");
    assertThat(OnnxRuntimeLibraries.platform("Mac OS X", "aarch64")).contains("osx-aarch64");
    assertThat(OnnxRuntimeLibraries.platform("Windows 11", "amd64")).isEmpty();
    assertThat(OnnxRuntimeLibraries.platform("Linux", "s390x")).isEmpty();
  }

  private static int score(Path javaTmp, Path cache) throws Exception {
    Path tiny = TINY_ROBERTA.toAbsolutePath();
    Process process = TestJvm.main("io.feedbackpulse.App").tmpdir(javaTmp)
        .jvmOptions("-Dfeedbackpulse.model.cache=" + cache)
        .env("DJL_CACHE_DIR", javaTmp.getParent().resolve("djl-cache").toString())
        .args("score", "--model", tiny.toString(), "fine")
        .processBuilder().redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private static List<Path> libraries(Path cache) throws Exception {
    try (Stream<Path> dirs = Files.list(cache)) {
      Path dir = dirs.filter(p -> p.getFileName().toString().startsWith("onnxruntime-")).findFirst().orElseThrow();
      try (Stream<Path> files = Files.list(dir)) {
        return files.sorted().toList();
      }
    }
  }
}
