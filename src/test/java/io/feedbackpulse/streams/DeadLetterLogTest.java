package io.feedbackpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadLetterLogTest {
  final AtomicLong now = new AtomicLong();
  final List<String> lines = new ArrayList<>();
  final DeadLetterLog log = new DeadLetterLog(Duration.ofSeconds(30), now::get, lines::add);

  @Test
  void aFloodOfOneReasonIsOneLineAtOnceThenOneLineWithTheCountPerInterval() {
    for (int i = 0; i < 1_000; i++) {
      log.deadLettered("unknown_schema_id", "feedback.raw.app-0@" + i, "the registry has no schema with id 99");
      now.addAndGet(Duration.ofMillis(50).toNanos());
    }

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("Dead-lettered a record as unknown_schema_id")
        .endsWith("feedback.raw.app-0@0: the registry has no schema with id 99");
    assertThat(lines.get(1)).startsWith("Dead-lettered 600 record(s) as unknown_schema_id in the last 30 s; latest "
        + "feedback.raw.app-0@600");
  }

  @Test
  void eachReasonHasItsOwnLine() {
    log.deadLettered("invalid_json", "a-0@1", "x");
    log.deadLettered("empty_text", "a-0@2", "y");
    log.deadLettered("invalid_json", "a-0@3", "x");
    assertThat(lines).hasSize(2);
  }
}
