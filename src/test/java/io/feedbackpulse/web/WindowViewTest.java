package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.drift.LabelSample;
import io.feedbackpulse.drift.LabelWindowAggregate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A window of the label-windows store as /api/windows shows it: label counts and shares, and reason counts. */
class WindowViewTest {
  @Test
  void aWindowShowsHowManyItemsAlertedWithEachReason() {
    LabelWindowAggregate window = new LabelWindowAggregate()
        .add(new LabelSample(-1, 0.9, 0.2, 10, "chat", null, List.of("delivery", "customer_service")))
        .add(new LabelSample(-1, 0.8, 0.3, 12, "chat", null, List.of("delivery")))
        .add(new LabelSample(1, 0.7, 0.4, 8, "chat", null, List.of()));

    WindowView view = WindowView.of("chat", Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:05:00Z"), window);

    assertThat(view.total()).isEqualTo(3);
    assertThat(view.shares().negative()).isEqualTo(2.0 / 3);
    assertThat(view.reasons()).isEqualTo(Map.of("delivery", 2L, "customer_service", 1L));
    assertThat(view.alertsWithReasons()).isEqualTo(2);
    assertThat(Responses.json(view)).contains("\"reasons\":{\"customer_service\":1,\"delivery\":2}");
  }
}
