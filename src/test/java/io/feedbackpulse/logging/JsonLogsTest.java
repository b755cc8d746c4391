package io.feedbackpulse.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.testing.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With log.format=json every line on stderr is one JSON object, java.util.logging's too (the Apicurio registry
 * client logs through it). In a JVM of its own: java.util.logging is set up once per process.
 */
class JsonLogsTest {
  @TempDir
  Path dir;

  @Test
  void theRegistryClientsJavaUtilLoggingLinesAreJsonToo() throws Exception {
    Path err = dir.resolve("stderr");
    Process process = TestJvm.main(RegistryClientLogs.class.getName())
        .jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1",
            // the service's logback.xml, not the tests' logback-test.xml that this classpath also holds
            "-Dlogback.configurationFile=" + LogFormat.class.getResource("/logback.xml"))
        .env("FEEDBACK_PULSE_LOG_FORMAT", "json")
        .processBuilder().redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    List<String> lines = Files.readAllLines(err);
    assertThat(process.exitValue()).as("exit status; stderr: %s", lines).isZero();
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      try {
        events.add(new ObjectMapper().readTree(line));
      } catch (Exception e) {
        throw new AssertionError("not one JSON object: " + line, e);
      }
    }
    assertThat(events).anySatisfy(e -> {
      assertThat(e.path("loggerName").asText()).isEqualTo("io.apicurio.registry.Example");
      assertThat(e.path("formattedMessage").asText()).isEqualTo("a java.util.logging warning");
      assertThat(e.path("level").asText()).isEqualTo("WARN");
    });
    assertThat(lines).as("the resolver's INFO with a whole schema is quiet").noneMatch(l -> l.contains("Retrieving"));
  }
}
