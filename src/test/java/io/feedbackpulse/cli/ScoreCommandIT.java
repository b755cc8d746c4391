package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.testing.TestJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `score --json` in its own JVM, as a user runs it: stdout holds one JSON object a line and nothing else. */
class ScoreCommandIT {
  @Test
  void scoresTheReadmeExamplesWithTheDefaultModel() throws Exception {
    Process process = TestJvm.main("io.feedbackpulse.App")
        // the service's own logging configuration, not the tests'
        .jvmOptions("-Dlogback.configurationFile=" + Path.of("src/main/resources/logback.xml").toAbsolutePath())
        .args("score", "--json",
            "The zipper broke the first day and support never answered", "Fits perfectly, love the colour")
        .processBuilder().redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();

    List<JsonNode> lines = new ArrayList<>();
    for (String line : stdout.strip().split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("label").asInt()).isEqualTo(-1);
    assertThat(lines.get(0).get("name").asText()).isEqualTo("negative");
    assertThat(lines.get(1).get("label").asInt()).isEqualTo(1);
    assertThat(lines.get(1).get("probabilities").get("positive").asDouble()).isGreaterThan(0.5);
  }
}
