package io.feedbackpulse.models;

import io.feedbackpulse.avro.AgreementWindow;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;

/**
 * Reads the live agreement of a champion and a challenger from {@code model.comparison}: the window records of
 * channel {@code all} for exactly these two models (by model id, so that a version re-registered with other files
 * does not count), written since a point in time.
 */
public final class ComparisonTopic {
  private final Properties clientProperties;
  private final String topic;
  private final Serde<ModelComparison> serde;
  private final Duration timeout;

  public ComparisonTopic(Properties clientProperties, String topic, Serde<ModelComparison> serde, Duration timeout) {
    this.clientProperties = clientProperties;
    this.topic = topic;
    this.serde = serde;
    this.timeout = timeout;
  }

  /**
   * Empty when the topic does not exist or holds no window of these two since {@code since}.
   *
   * @param championIds the ids the champion's records may carry ({@link ModelRegistry#idsOf}), the same for the
   *     challenger
   */
  public Optional<LiveAgreement> agreement(Set<String> championIds, Set<String> challengerIds, Instant since) {
    try (TopicReader<ModelComparison> reader = CommittedReads.open(clientProperties, "feedback-pulse-models-",
        serde.deserializer())) {
      if (reader.add(topic, Start.since(since), timeout).isEmpty()) {
        return Optional.empty();
      }
      // A window may be written again as late items arrive: its latest record counts, once.
      Map<Long, AgreementWindow> windows = new LinkedHashMap<>();
      CommittedReads.readToEnd(reader, topic, timeout, r -> {
        ModelComparison c = r.value();
        if (c != null && c.getKind() == ComparisonKind.window && TopicNames.ALL_CHANNELS.equals(c.getChannel())
            && c.getWindow() != null && championIds.contains(c.getChampion().getId())
            && challengerIds.contains(c.getChallenger().getId())) {
          windows.put(c.getWindow().getWindowStart().toEpochMilli(), c.getWindow());
        }
      });
      return windows.isEmpty() ? Optional.empty() : Optional.of(LiveAgreement.of(List.copyOf(windows.values())));
    }
  }
}
