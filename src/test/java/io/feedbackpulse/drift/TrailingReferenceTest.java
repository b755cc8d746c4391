package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.streams.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class TrailingReferenceTest {
  private static final long MINUTE = 60_000;
  private static final Duration SPAN = Duration.ofMinutes(15);

  private static TrailingWindow window(long startMinute, long negative, long neutral, long positive) {
    return TrailingWindow.of(startMinute * MINUTE, (startMinute + 5) * MINUTE, Windows.of(negative, neutral, positive));
  }

  @Test
  void poolsTheWindowsThatEndedWithinTheSpanBeforeTheMeasuredWindow() {
    TrailingReference history = new TrailingReference()
        .record(window(0, 1, 0, 0), SPAN)
        .record(window(5, 0, 2, 0), SPAN)
        .record(window(10, 0, 0, 4), SPAN);
    // window at 15: windows ending at 5, 10, 15 are within (0, 15]
    LabelWindowAggregate at15 = history.pooledBefore(15 * MINUTE, SPAN);
    assertThat(at15.counts()).containsExactly(1, 2, 4);
    assertThat(at15.meanConfidence()).isEqualTo(0.8);
    // window at 20: the one ending at 5 is out of (5, 20]
    assertThat(history.pooledBefore(20 * MINUTE, SPAN).counts()).containsExactly(0, 2, 4);
    // the measured window itself (ends at 15) is never part of its own reference
    assertThat(history.pooledBefore(10 * MINUTE, SPAN).counts()).containsExactly(1, 2, 0);
  }

  @Test
  void poolsTheReasonsOfTheAlertsAndReadsWhatAVersionBeforeReasonsStored() {
    LabelWindowAggregate first = Windows.of(2, 0, 0);
    first.add(new LabelSample(-1, 0.9, 0.5, 10).withReasons(List.of("delivery", "price")));
    first.add(new LabelSample(-1, 0.9, 0.5, 10).withReasons(List.of("delivery")));
    first.add(new LabelSample(-1, 0.9, 0.5, 10));
    LabelWindowAggregate second = Windows.of(0, 1, 0);
    second.add(new LabelSample(-1, 0.9, 0.5, 10).withReasons(List.of("price")));
    TrailingReference history = new TrailingReference()
        .record(TrailingWindow.of(0, 5 * MINUTE, first), SPAN)
        .record(TrailingWindow.of(5 * MINUTE, 10 * MINUTE, second), SPAN);
    LabelWindowAggregate pooled = history.pooledBefore(10 * MINUTE, SPAN);
    assertThat(pooled.reasons).containsExactlyInAnyOrderEntriesOf(Map.of("delivery", 2L, "price", 2L));
    assertThat(pooled.alertsWithReasons).isEqualTo(3);

    Serde<TrailingReference> serde = JsonSerde.of(TrailingReference.class);
    String json = new String(serde.serializer().serialize("t", history), StandardCharsets.UTF_8);
    String before = json.replaceAll(",\"reasons\":\\{[^}]*\\},\"alertsWithReasons\":\\d+", "");
    assertThat(before).doesNotContain("reasons");
    TrailingReference old = serde.deserializer().deserialize("t", before.getBytes(StandardCharsets.UTF_8));
    assertThat(old.pooledBefore(10 * MINUTE, SPAN).counts()).containsExactly(6, 1, 0);
    assertThat(old.pooledBefore(10 * MINUTE, SPAN).alertsWithReasons).isZero();
  }

  @Test
  void forgetsWindowsOlderThanTheSpanAndReplacesARepeatedWindow() {
    TrailingReference history = new TrailingReference()
        .record(window(0, 1, 0, 0), SPAN)
        .record(window(5, 1, 0, 0), SPAN)
        .record(window(5, 0, 3, 0), SPAN);
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.pooledBefore(10 * MINUTE, SPAN).counts()).containsExactly(1, 3, 0);
    history.record(window(20, 0, 0, 1), SPAN);
    // newest ends at 25: windows ending at or before 10 are gone
    assertThat(history.size()).isEqualTo(1);
  }

  @Test
  void emptyHistoryPoolsNothing() {
    assertThat(new TrailingReference().pooledBefore(0, SPAN).total()).isZero();
  }
}
