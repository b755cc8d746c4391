package io.feedbackpulse.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.config.SettingsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The service's own logback.xml, in a logging context of the test's, writing to a captured System.err. */
class LogFormatTest {
  private static final URL SERVICE_CONFIGURATION = LogFormat.class.getResource("/logback.xml");
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void jsonWritesOneJsonObjectPerLine() throws Exception {
    List<String> lines = logThreeEvents("json");

    assertThat(lines).hasSize(3);
    List<JsonNode> events = lines.stream().map(this::parse).toList();
    assertThat(events).extracting(e -> e.path("level").asText()).containsExactly("INFO", "WARN", "ERROR");
    assertThat(events).extracting(e -> e.path("loggerName").asText()).containsOnly("io.feedbackpulse.service.X");
    assertThat(events.get(0).path("formattedMessage").asText()).isEqualTo("Kafka Streams \"REBALANCING\" -> RUNNING");
    assertThat(events.get(1).path("formattedMessage").asText()).isEqualTo("two\nlines");
    assertThat(events.get(2).path("throwable").path("className").asText()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void textWritesThePatternLine() throws Exception {
    List<String> lines = logThreeEvents("text");

    assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] io\\.feedbackpulse\\.service\\.X - "
        + "Kafka Streams \"REBALANCING\" -> RUNNING");
    assertThat(lines.get(0)).doesNotStartWith("{");
  }

  @Test
  void anUnknownFormatIsASettingsError() {
    assertThatThrownBy(() -> LogFormat.use("xml")).isInstanceOf(SettingsException.class)
        .hasMessageContaining("log.format must be text or json");
  }

  private List<String> logThreeEvents(String format) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LogFormat.configure(context, SERVICE_CONFIGURATION, format);
      Logger log = context.getLogger("io.feedbackpulse.service.X");
      log.info("Kafka Streams {} -> {}", "\"REBALANCING\"", "RUNNING");
      log.warn("two\nlines");
      log.error("failed", new IllegalStateException("boom"));
      context.getLogger("org.apache.kafka.clients.NetworkClient").info("below the Kafka loggers' level");
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    return format.equals("json") ? out.lines().toList() : out.lines().limit(1).toList();
  }

  private JsonNode parse(String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
