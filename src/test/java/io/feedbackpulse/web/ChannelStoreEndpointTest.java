package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.web.ChannelStoreEndpoint.Answer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one instance answers for the channels it hosts is read back by another as the same windows. */
class ChannelStoreEndpointTest {
  @Test
  void anotherInstancesAnswerIsReadAsWindowsNotAsMaps() {
    WindowView window = new WindowView("chat", Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:05:00Z"), 4, 1, 1, 2, new WindowView.Shares(0.25, 0.25, 0.5), 0.8,
        Map.of("delivery", 1L, "price", 1L), 1);
    QualityView quality = new QualityView("chat", "sha256:a", "v1", Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T01:00:00Z"), 3, 2.0 / 3, 0.5,
        List.of(new QualityView.ClassView("negative", 1, 1.0, null, 0.0)),
        List.of(List.of(1L, 0L, 0L), List.of(0L, 1L, 0L), List.of(1L, 0L, 0L)), 10, 0.7, null, 0.4);

    Answer<WindowView> windows = Responses.parse(Responses.json(new Answer<>(List.of(window))),
        ChannelStoreEndpoint.answerOf(WindowView.class));
    Answer<QualityView> qualities = Responses.parse(Responses.json(new Answer<>(List.of(quality))),
        ChannelStoreEndpoint.answerOf(QualityView.class));

    assertThat(windows.windows()).containsExactly(window);
    assertThat(qualities.windows()).containsExactly(quality);
    assertThat(Responses.json(windows))
        .startsWith("{\"windows\":[{\"channel\":\"chat\",\"windowStart\":\"2026-01-01T00:00:00Z\"")
        .contains("\"reasons\":{\"delivery\":1,\"price\":1},\"alertsWithReasons\":1");
  }

  @Test
  void anOlderInstancesWindowWithoutReasonsIsReadWithNone() {
    Answer<WindowView> windows = Responses.parse("{\"windows\":[{\"channel\":\"chat\","
        + "\"windowStart\":\"2026-01-01T00:00:00Z\",\"windowEnd\":\"2026-01-01T00:05:00Z\",\"total\":1,"
        + "\"negative\":1,\"neutral\":0,\"positive\":0,\"shares\":{\"negative\":1.0,\"neutral\":0.0,"
        + "\"positive\":0.0},\"meanConfidence\":0.9}]}", ChannelStoreEndpoint.answerOf(WindowView.class));

    assertThat(windows.windows()).singleElement().satisfies(w -> {
      assertThat(w.reasons()).isEmpty();
      assertThat(w.alertsWithReasons()).isZero();
    });
  }
}
