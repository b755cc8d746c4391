package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.SentimentModel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topics the service creates at start: the model registry among them, compacted. */
class TopicSpecsTest {

  @Test
  void theModelRegistryItsRefusalsAndTheCasesAreCompactedAndTheComparisonsAreNot() {
    Settings settings = Settings.builder().set("model.dir", "src/test/resources/models/tiny-roberta")
        .set("model.intra-op-threads", "1").build();
    try (SentimentModel model = Pipeline.loadModel(settings)) {
      List<TopicSpec> specs = FeedbackPulseService.topicSpecs(new Pipeline(settings, model, Clock.systemUTC()));

      assertThat(config(specs, "model.registry")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "model.refusals")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "support.cases")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "model.comparison")).doesNotContainKey("cleanup.policy");
    }
  }

  private static Map<String, String> config(List<TopicSpec> specs, String topic) {
    return specs.stream().filter(s -> s.name().equals(topic)).findFirst().orElseThrow().configs();
  }
}
