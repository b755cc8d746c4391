package io.feedbackpulse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
  @Test
  void decodesValuesAndCapsLimits() {
    QueryParameters q = new QueryParameters(URI.create("/api/windows?channel=a%20b&limit=5000&local=true"));
    assertThat(q.get("channel")).contains("a b");
    assertThat(q.limit("limit", 50, 1000)).isEqualTo(1000);
    assertThat(q.flag("local")).isTrue();
    assertThat(q.get("missing")).isEmpty();
  }

  @Test
  void absentLimitIsTheDefault() {
    assertThat(new QueryParameters(URI.create("/api/windows")).limit("limit", 50, 1000)).isEqualTo(50);
  }

  @Test
  void rejectsLimitsThatAreNotPositiveWholeNumbers() {
    assertThatThrownBy(() -> new QueryParameters(URI.create("/x?limit=abc")).limit("limit", 50, 100))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("whole number");
    assertThatThrownBy(() -> new QueryParameters(URI.create("/x?limit=0")).limit("limit", 50, 100))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("at least 1");
  }

  @Test
  void aChannelMustBeAKnownOneAndNoneMeansEvery() {
    List<String> known = List.of("chat", "all");
    assertThat(new QueryParameters(URI.create("/api/windows?channel=chat")).channel(known)).contains("chat");
    assertThat(new QueryParameters(URI.create("/api/windows?channel=")).channel(known)).isEmpty();
    assertThatThrownBy(() -> new QueryParameters(URI.create("/api/drift?channel=nope")).channel(known))
        .isInstanceOf(BadRequestException.class).hasMessage("unknown channel 'nope'; known: [chat, all]");
  }
}
