package io.feedbackpulse.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The code a pipeline run trains with, as its lineage records it: the program's version and the git commit it was
 * built from, which the build writes into {@value #RESOURCE} (git's short hash, and whether tracked files differed
 * from it). A build outside a git checkout knows no commit; classes built without Maven have no such file and know
 * neither.
 *
 * @param version the project's version; empty when the class path has no {@value #RESOURCE}
 * @param commit git's short hash of the commit built; empty when the build knew none
 * @param dirty tracked files differed from {@code commit} when it was built
 */
public record CodeVersion(Optional<String> version, Optional<String> commit, boolean dirty) {
  public static final String RESOURCE = "feedback-pulse-build.properties";
  private static final String UNKNOWN = "unknown";

  /** This program's, from its class path. */
  public static CodeVersion ofThisBuild() {
    try (InputStream in = CodeVersion.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path: " + e.getMessage(), e);
    }
  }

  /** @param in the build's {@value #RESOURCE}; null when the class path has none */
  static CodeVersion read(InputStream in) throws IOException {
    if (in == null) {
      return new CodeVersion(Optional.empty(), Optional.empty(), false);
    }
    Properties build = new Properties();
    build.load(in);
    return new CodeVersion(known(build.getProperty("version")), known(build.getProperty("git.commit")),
        Boolean.parseBoolean(build.getProperty("git.dirty")));
  }

  private static Optional<String> known(String value) {
    return value == null || value.isBlank() || value.strip().equals(UNKNOWN) ? Optional.empty()
        : Optional.of(value.strip());
  }

  /** The commit as a model's lineage names it: {@code 1a2b3c4}, or {@code 1a2b3c4-dirty} when files differed. */
  public Optional<String> gitCommit() {
    return commit.map(c -> dirty ? c + "-dirty" : c);
  }

  /** For example {@code 0.1.0-SNAPSHOT (git 1a2b3c4)}, or why the build is not known. */
  public String describe() {
    if (version.isEmpty()) {
      return "unknown build (no " + RESOURCE + " on the class path: not built by Maven)";
    }
    return version.get() + gitCommit().map(c -> " (git " + c + ")")
        .orElse(" (git commit unknown: not built in a git checkout)");
  }
}
