package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The code version a run records, as the build wrote it, and what it says when the build could not know. */
class CodeVersionTest {
  @Test
  void aBuildInAGitCheckoutIsItsVersionAndCommit() throws IOException {
    CodeVersion v = read("version=0.1.0-SNAPSHOT\ngit.commit=1a2b3c4\ngit.dirty=false\n");

    assertThat(v.describe()).isEqualTo("0.1.0-SNAPSHOT (git 1a2b3c4)");
    assertThat(v.gitCommit()).contains("1a2b3c4");
  }

  @Test
  void uncommittedChangesAreMarkedDirty() throws IOException {
    CodeVersion v = read("version=0.1.0-SNAPSHOT\ngit.commit=1a2b3c4\ngit.dirty=true\n");

    assertThat(v.describe()).isEqualTo("0.1.0-SNAPSHOT (git 1a2b3c4-dirty)");
    assertThat(v.gitCommit()).contains("1a2b3c4-dirty");
  }

  @Test
  void aBuildOutsideAGitCheckoutSaysItKnowsNoCommit() throws IOException {
    CodeVersion v = read("version=0.1.0-SNAPSHOT\ngit.commit=unknown\ngit.dirty=false\n");

    assertThat(v.describe()).isEqualTo("0.1.0-SNAPSHOT (git commit unknown: not built in a git checkout)");
    assertThat(v.gitCommit()).isEmpty();
  }

  @Test
  void classesWithoutTheBuildsFileSayWhy() throws IOException {
    CodeVersion v = CodeVersion.read(null);

    assertThat(v.describe())
        .isEqualTo("unknown build (no feedback-pulse-build.properties on the class path: not built by Maven)");
    assertThat(v.gitCommit()).isEmpty();
  }

  /** The file this build wrote: the commit git names for this checkout's HEAD, asked here, not from the file. */
  @Test
  void thisBuildIsTheCheckoutsHead() throws Exception {
    Optional<String> head = gitHead();
    assumeTrue(head.isPresent(), "not a git checkout, or no git");

    CodeVersion v = CodeVersion.ofThisBuild();

    assertThat(v.version()).as("the project's version, from the pom").isPresent();
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<version>" + v.version().get() + "</version>");
    assertThat(v.commit()).contains(head.get());
    assertThat(v.describe()).startsWith(v.version().get() + " (git " + head.get());
  }

  private static CodeVersion read(String properties) throws IOException {
    return CodeVersion.read(new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8)));
  }

  private static Optional<String> gitHead() throws InterruptedException {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
