package io.feedbackpulse.service;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topics the service creates at start: the model registry and the pipeline's runs among them, compacted. */
class TopicSpecsTest {

  @Test
  void theModelRegistryItsRefusalsTheCasesAndThePipelineRunsAreCompactedAndTheComparisonsAreNot() {
    Settings settings = Settings.builder().set("model.dir", TINY_ROBERTA.toString())
        .set("model.intra-op-threads", "1").build();
    try (SentimentModel model = ModelLoading.load(settings)) {
      List<TopicSpec> specs = FeedbackPulseService.topicSpecs(new Pipeline(settings, model, Clock.systemUTC()));

      assertThat(config(specs, "model.registry")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "model.refusals")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "support.cases")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "pipeline.runs")).containsEntry("cleanup.policy", "compact");
      assertThat(config(specs, "model.comparison")).doesNotContainKey("cleanup.policy");
    }
  }

  /**
   * Retention counts from when an output was written: a backfill's outputs, stamped with its old event times, would
   * otherwise be deleted as soon as their segment rolls. The inputs keep the producers' timestamps (the event time
   * of a record without a time field).
   */
  @Test
  void theOutputsTakeTheBrokersAppendTimeAndTheInputsKeepTheProducersTime() {
    Settings settings = Settings.builder().set("model.dir", TINY_ROBERTA.toString())
        .set("model.intra-op-threads", "1").build();
    try (SentimentModel model = ModelLoading.load(settings)) {
      List<TopicSpec> specs = FeedbackPulseService.topicSpecs(new Pipeline(settings, model, Clock.systemUTC()));

      for (String output : List.of("feedback.scored", "support.alerts", "feedback.dead-letter",
          "sentiment.distribution", "sentiment.drift", "feedback.labelled", "model.quality", "feedback.review",
          "support.cases", "model.comparison")) {
        assertThat(config(specs, output)).as(output).containsEntry("message.timestamp.type", "LogAppendTime");
      }
      for (String input : List.of("feedback.raw.chat", "feedback.raw.email", "feedback.labels", "model.registry")) {
        assertThat(config(specs, input)).as(input).doesNotContainKey("message.timestamp.type");
      }
    }
  }

  @Test
  void theTopicsAlertsAreRoutedToAreOutputsWithTheAlertsSchema() {
    Settings settings = Settings.builder().set("model.dir", TINY_ROBERTA.toString())
        .set("model.intra-op-threads", "1").set("alerts.routes", "delivery:support.alerts.delivery").build();
    try (SentimentModel model = ModelLoading.load(settings)) {
      List<TopicSpec> specs = FeedbackPulseService.topicSpecs(new Pipeline(settings, model, Clock.systemUTC()));

      assertThat(config(specs, "support.alerts.delivery")).containsEntry("message.timestamp.type", "LogAppendTime")
          .doesNotContainKey("cleanup.policy");
    }
    assertThat(new ServiceSchemas(settings).schemas())
        .contains(new ServiceSchemas.TopicSchema("support.alerts.delivery", SupportAlert.getClassSchema()));
  }

  private static Map<String, String> config(List<TopicSpec> specs, String topic) {
    return specs.stream().filter(s -> s.name().equals(topic)).findFirst().orElseThrow().configs();
  }
}
