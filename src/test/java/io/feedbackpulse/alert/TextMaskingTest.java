package io.feedbackpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.ingest.ChannelSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.streams.TopicNames;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every topic of the service is classified: what it carries of the customers' text and whether that is masked. A
 * new output fails here until it is; the topology tests check that the outputs carry what their class says.
 */
class TextMaskingTest {
  private static final Settings DEFAULTS = Settings.defaults();
  private static final String TEXT = "Refund DE89 3704 0044 0532 0130 00 to ann@example.com, card 4111 1111 1111 1111";

  @Test
  void everyTopicSettingIsAChannelTopicOrClassified() {
    Set<String> channelTopics = ChannelSettings.from(DEFAULTS).stream().map(c -> "topic." + c.name())
        .collect(Collectors.toSet());
    Set<String> topicSettings = DEFAULTS.asMap().keySet().stream().filter(k -> k.startsWith("topic."))
        .collect(Collectors.toSet());
    assertThat(topicSettings).isNotEmpty().allSatisfy(key -> assertThat(channelTopics.contains(key)
        || TextMasking.of(key).isPresent()).as(key + " is neither a channel topic nor classified in TextMasking")
        .isTrue());
    assertThat(channelTopics).allSatisfy(key -> assertThat(TextMasking.of(key)).isEmpty());
  }

  @Test
  void everyTopicOfTopicNamesIsClassifiedUnderTheSettingThatNamesIt() throws Exception {
    TopicNames topics = TopicNames.from(DEFAULTS.with(AlertRoutes.SETTING,
        "delivery:support.alerts.delivery,price:support.alerts.billing,billing_and_payment:support.alerts.billing"));
    Map<String, String> settingOfTopic = DEFAULTS.asMap().entrySet().stream()
        .filter(e -> e.getKey().startsWith("topic."))
        .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
    RecordComponent[] components = TopicNames.class.getRecordComponents();
    assertThat(components).hasSize(topics.all().size() - topics.alertRoutes().topics().size() + 1);
    for (RecordComponent c : components) {
      if (c.getType() == AlertRoutes.class) {
        assertThat(topics.alertRoutes().topics()).containsExactly("support.alerts.delivery", "support.alerts.billing");
        assertThat(topics.outputs()).containsAll(topics.alertRoutes().topics());
        assertThat(TextMasking.of(AlertRoutes.SETTING)).contains(TextMasking.Text.MASKED);
        continue;
      }
      String topic = (String) c.getAccessor().invoke(topics);
      assertThat(settingOfTopic).as(c.getName()).containsKey(topic);
      assertThat(TextMasking.of(settingOfTopic.get(topic))).as(c.getName() + " (" + topic + ")").isPresent();
    }
  }

  @Test
  void everyOutputWithCustomerTextMasksItByDefaultAndFeedbackScoredOnlyWithRedactScored() {
    TextMasking byDefault = TextMasking.from(DEFAULTS);
    for (String output : new String[] {"topic.alerts", "topic.labelled", "topic.review", "topic.cases"}) {
      assertThat(byDefault.masks(output)).as(output).isTrue();
    }
    assertThat(byDefault.text("topic.labelled").apply(TEXT)).isEqualTo("Refund [iban] to [email], card [card]");
    assertThat(byDefault.masks("topic.scored")).isFalse();
    assertThat(byDefault.text("topic.scored").apply(TEXT)).isEqualTo(TEXT);
    assertThat(TextMasking.from(DEFAULTS.with("pii.redact-scored", "true")).text("topic.scored").apply(TEXT))
        .isEqualTo("Refund [iban] to [email], card [card]");
  }

  @Test
  void aTopicWithoutCustomerTextHasNoTextToMask() {
    TextMasking masking = TextMasking.from(DEFAULTS);
    for (String topic : new String[] {"topic.quality", "topic.dead-letter", "topic.labels", "topic.chat"}) {
      assertThatThrownBy(() -> masking.text(topic)).as(topic).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
