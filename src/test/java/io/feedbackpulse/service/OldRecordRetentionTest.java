package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

/** Which existing output topics would delete a backfill's outputs, and what the warning tells the operator. */
class OldRecordRetentionTest {
  private static final String SERVERS = "kafka-1:9092";

  @Test
  void createTimeWithAFiniteRetentionIsWarnedAboutWithTheCommandThatFixesIt() {
    Config config = config("message.timestamp.type=CreateTime", "cleanup.policy=delete", "retention.ms=604800000");

    assertThat(OldRecordRetention.warning("feedback.scored", config, SERVERS)).hasValueSatisfying(line -> assertThat(line)
        .doesNotContain("\n")
        .contains("Output topic feedback.scored has message.timestamp.type=CreateTime and retention.ms=604800000",
            "older than PT168H",
            "kafka-configs.sh --bootstrap-server kafka-1:9092 --alter --entity-type topics --entity-name "
                + "feedback.scored --add-config message.timestamp.type=LogAppendTime"));
  }

  @Test
  void compactedAndDeletedCountsToo() {
    assertThat(OldRecordRetention.warning("support.cases",
        config("message.timestamp.type=CreateTime", "cleanup.policy=compact,delete", "retention.ms=86400000"), SERVERS))
        .isPresent();
  }

  @Test
  void appendTimeInfiniteRetentionOrCompactionOnlyKeepOldRecords() {
    assertThat(OldRecordRetention.warning("a",
        config("message.timestamp.type=LogAppendTime", "cleanup.policy=delete", "retention.ms=604800000"), SERVERS))
        .isEmpty();
    assertThat(OldRecordRetention.warning("b",
        config("message.timestamp.type=CreateTime", "cleanup.policy=delete", "retention.ms=-1"), SERVERS))
        .isEmpty();
    assertThat(OldRecordRetention.warning("c",
        config("message.timestamp.type=CreateTime", "cleanup.policy=compact", "retention.ms=604800000"), SERVERS))
        .isEmpty();
  }

  private static Config config(String... entries) {
    return new Config(Arrays.stream(entries).map(e -> e.split("=", 2))
        .map(kv -> new ConfigEntry(kv[0], kv[1])).toList());
  }
}
