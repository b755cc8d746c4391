package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.streams.TopicNames;
import org.junit.jupiter.api.Test;

class TailCommandTest {

  @Test
  void readsEveryTopicTheServiceWrites() {
    TopicNames topics = TopicNames.from(Settings.builder().set("topic.model-comparison", "ab.comparison").build());

    assertThat(TailCommand.outputs(topics).keySet()).containsExactlyInAnyOrderElementsOf(topics.outputs())
        .contains("ab.comparison", "model.quality", "feedback.labelled", "feedback.review", "support.cases");
  }
}
