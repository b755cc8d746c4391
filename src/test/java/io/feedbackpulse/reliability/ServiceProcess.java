package io.feedbackpulse.reliability;

import static org.awaitility.Awaitility.await;

import io.feedbackpulse.testing.TestJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code feedback-pulse run} in a JVM of its own, on this test's classpath, its output in a log file. */
final class ServiceProcess {
  private final Process process;
  final Path log;

  private ServiceProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ServiceProcess start(String bootstrapServers, Map<String, String> settings, Path log) throws IOException {
    TestJvm jvm = TestJvm.main("io.feedbackpulse.App").jvmOptions("-Xmx512m", "-XX:TieredStopAtLevel=1",
        // a JVM crash report lands next to the log, not in the working directory
        "-XX:ErrorFile=" + log.toAbsolutePath().getParent().resolve("hs_err_pid%p.log"))
        .args("run", "--bootstrap-servers", bootstrapServers);
    settings.forEach((k, v) -> jvm.args("--set", k + "=" + v));
    Files.createDirectories(log.getParent());
    Files.deleteIfExists(log);
    Process p = jvm.processBuilder().redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ServiceProcess(p, log);
  }

  /** SIGKILL: no shutdown hook, no commit, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then the exit status (-1 if it did not exit in time). */
  int terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  /** The JVM crash report (hs_err_pid*.log) this process wrote, if it crashed. */
  Path crashReport() {
    return log.toAbsolutePath().getParent().resolve("hs_err_pid" + process.pid() + ".log");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Starts the service and waits until its Kafka Streams is RUNNING (its log says so). */
  static ServiceProcess startRunning(String bootstrapServers, Map<String, String> settings, Path log) throws Exception {
    ServiceProcess p = start(bootstrapServers, settings, log);
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> p.logContains("-> RUNNING"));
    return p;
  }

  boolean logContains(String text) throws IOException {
    return Files.readString(log).contains(text);
  }
}
