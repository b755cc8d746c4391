package io.feedbackpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SettingsTest {
  @TempDir
  Path dir;

  @Test
  void defaultsAreExactlyOnceWithFiveMinuteWindows() {
    Settings s = Settings.defaults();
    assertThat(s.string("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(s.duration("windows.size")).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.duration("windows.grace")).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.string("topic.scored")).isEqualTo("feedback.scored");
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws IOException {
    Path file = dir.resolve("pulse.properties");
    Files.writeString(file, "model.batch-size=8\nalerts.negative-threshold=0.7\nkafka.security.protocol=SSL\n");
    Settings s = Settings.builder().file(file)
        .environment(Map.of("FEEDBACK_PULSE_ALERTS_NEGATIVE_THRESHOLD", "0.8",
            "FEEDBACK_PULSE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "UNRELATED", "x"))
        .build();
    assertThat(s.integer("model.batch-size")).isEqualTo(8);
    assertThat(s.decimal("alerts.negative-threshold")).isEqualTo(0.8);
    assertThat(s.kafka()).containsEntry("security.protocol", "SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void commandLineWinsOverAll() {
    Settings s = Settings.builder().environment(Map.of("FEEDBACK_PULSE_BOOTSTRAP_SERVERS", "env:9092"))
        .set("bootstrap.servers", "cli:9092").build();
    assertThat(s.string("bootstrap.servers")).isEqualTo("cli:9092");
  }

  @Test
  void envNamesAreUpperSnakeCase() {
    assertThat(Settings.envName("alerts.multi-channel-span")).isEqualTo("FEEDBACK_PULSE_ALERTS_MULTI_CHANNEL_SPAN");
  }

  @Test
  void unknownOrMalformedSettingsAreClearErrors() throws IOException {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "modle.dir=/tmp/x\n");
    assertThatThrownBy(() -> Settings.builder().file(file)).isInstanceOf(SettingsException.class)
        .hasMessageContaining("unknown setting 'modle.dir'");
    assertThatThrownBy(() -> Settings.builder().set("windows.size", "five minutes").build())
        .isInstanceOf(SettingsException.class).hasMessageContaining("ISO-8601");
  }

  @Test
  void aValueOfTheWrongKindIsRejectedWhenTheSettingsAreBuilt() {
    assertThatThrownBy(() -> Settings.builder().set("alerts.negative-threshold", "abc").build())
        .hasMessage("alerts.negative-threshold must be a number, got 'abc'");
    assertThatThrownBy(() -> Settings.builder().set("drift.min-items", "1.5").build())
        .hasMessage("drift.min-items must be a whole number, got '1.5'");
    assertThatThrownBy(() -> Settings.builder().set("topics.create", "yes").build())
        .hasMessage("topics.create must be true or false, got 'yes'");
    assertThat(Settings.builder().set("alerts.negative-threshold", "1").set("topics.replication-factor", "-1").build()
        .decimal("alerts.negative-threshold")).isEqualTo(1.0);
  }

  @Test
  void aMistypedEnvironmentVariableIsNamedInAWarning() {
    Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    logger.addAppender(warnings);
    try {
      Settings s = Settings.builder().environment(Map.of("FEEDBACK_PULSE_MODLE_DIR", "/models/x",
          "FEEDBACK_PULSE_NOTHING_LIKE_ANY_KEY_AT_ALL", "1", "FEEDBACK_PULSE_KAFKA_ACKS", "all",
          "FEEDBACK_PULSE_HTTP_PORT", "9000", "HOME", "/root")).build();

      assertThat(s.integer("http.port")).isEqualTo(9000);
      assertThat(s.kafka()).containsEntry("acks", "all");
      assertThat(warnings.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
      assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
          "Environment variable FEEDBACK_PULSE_MODLE_DIR names no setting and is ignored"
              + " (did you mean FEEDBACK_PULSE_MODEL_DIR?)",
          "Environment variable FEEDBACK_PULSE_NOTHING_LIKE_ANY_KEY_AT_ALL names no setting and is ignored");
    } finally {
      logger.detachAppender(warnings);
    }
  }
}
