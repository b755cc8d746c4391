package io.feedbackpulse.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code java} command for a JVM of its own, as the build runs the tests: the running JVM's java binary, this
 * test's classpath and a main class, DJL offline and untracked with its cache under target/, and java.io.tmpdir
 * where the tests' own is (target/tmp/fork-N). Tests that launch a JVM build it here, so none of them escapes to the
 * network, the home directory or /tmp by forgetting one of these.
 */
public final class TestJvm {
  private final List<String> jvmOptions = new ArrayList<>();
  private final String mainClass;
  private final List<String> args = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path tmpdir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();

  private TestJvm(String mainClass) {
    this.mainClass = mainClass;
    environment.put("DJL_OFFLINE", "true");
    environment.put("OPT_OUT_TRACKING", "true");
    environment.put("DJL_CACHE_DIR", djlCacheDir());
  }

  /** {@code mainClass} on this test's classpath. */
  public static TestJvm main(String mainClass) {
    return new TestJvm(mainClass);
  }

  /** The java binary of the JVM running the tests. */
  public static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The application jar that {@code mvn package} builds (failsafe names it in the feedbackpulse.jar property). */
  public static Path jar() {
    return Path.of(System.getProperty("feedbackpulse.jar", "target/feedback-pulse.jar"));
  }

  public TestJvm jvmOptions(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  public TestJvm args(String... more) {
    return args(List.of(more));
  }

  public TestJvm args(List<String> more) {
    args.addAll(more);
    return this;
  }

  /** java.io.tmpdir of the JVM, instead of the tests' own. */
  public TestJvm tmpdir(Path dir) {
    tmpdir = dir.toAbsolutePath();
    return this;
  }

  public TestJvm env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.add("-Djava.io.tmpdir=" + tmpdir);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    return command;
  }

  /** A process builder for {@link #command()} with the environment set; redirect its streams, then start it. */
  public ProcessBuilder processBuilder() {
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.environment().putAll(environment);
    return builder;
  }

  /** The build's DJL cache (surefire and failsafe set DJL_CACHE_DIR), else target/djl-cache. */
  private static String djlCacheDir() {
    String set = System.getenv("DJL_CACHE_DIR");
    return set != null ? set : Path.of("target", "djl-cache").toAbsolutePath().toString();
  }
}
