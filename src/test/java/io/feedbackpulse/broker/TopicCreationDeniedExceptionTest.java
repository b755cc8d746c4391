package io.feedbackpulse.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class TopicCreationDeniedExceptionTest {

  @Test
  void listsEveryDeniedTopicWithItsCreateCommand() {
    var cause = new TopicAuthorizationException("Not authorized to create topics");
    var exception = new TopicCreationDeniedException(
        List.of(TopicSpec.of("support.alerts", 3, 3), TopicSpec.of("sentiment.drift", 1, 3)), "kafka:9092", cause);

    assertThat(exception.getMessage())
        .contains("2 missing topic(s): support.alerts, sentiment.drift")
        .contains("TopicAuthorizationException: Not authorized to create topics")
        .contains("kafka-topics.sh --bootstrap-server kafka:9092 --create --topic support.alerts"
            + " --partitions 3 --replication-factor 3")
        .contains("kafka-topics.sh --bootstrap-server kafka:9092 --create --topic sentiment.drift"
            + " --partitions 1 --replication-factor 3");
    assertThat(exception.deniedTopics()).extracting(TopicSpec::name)
        .containsExactly("support.alerts", "sentiment.drift");
    assertThat(exception).hasCause(cause);
  }
}
