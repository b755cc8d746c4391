package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  final AtomicLong now = new AtomicLong();
  final StringWriter text = new StringWriter();

  @Test
  void aLineAtMostOnceAnIntervalAndAlwaysAtTheEnd() {
    Progress.Step step = new Progress(new PrintWriter(text), Duration.ofSeconds(5), false, now::get)
        .start("scored", 3_000, "texts");
    for (int i = 0; i < 30; i++) {
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      step.advance(100);
    }
    // 100 texts a second: a line at 5 s, 10 s, ... 30 s (the end)
    assertThat(text.toString().lines().toList()).containsExactly(
        "scored 500 of 3,000 texts (100/s, ETA 0:25)",
        "scored 1,000 of 3,000 texts (100/s, ETA 0:20)",
        "scored 1,500 of 3,000 texts (100/s, ETA 0:15)",
        "scored 2,000 of 3,000 texts (100/s, ETA 0:10)",
        "scored 2,500 of 3,000 texts (100/s, ETA 0:05)",
        "scored 3,000 of 3,000 texts (100/s, in 0:30)");
  }

  @Test
  void onATerminalOneLineIsRedrawn() {
    Progress.Step step = new Progress(new PrintWriter(text), Duration.ZERO, true, now::get).start("encoded", 2, "texts");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    step.advance(1);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    step.advance(1);
    assertThat(text.toString()).isEqualTo("\rencoded 1 of 2 texts (1/s, ETA 0:01)   \rencoded 2 of 2 texts (1/s, in 0:02)   \n");
  }

  @Test
  void clockReadsAsMinutesOrHours() {
    assertThat(Progress.clock(21)).isEqualTo("0:21");
    assertThat(Progress.clock(725)).isEqualTo("12:05");
    assertThat(Progress.clock(3723)).isEqualTo("1:02:03");
  }
}
