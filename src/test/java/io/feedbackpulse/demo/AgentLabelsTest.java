package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.FeedbackLabel;
import io.feedbackpulse.ingest.LabelReader;
import io.feedbackpulse.ingest.RawRecordDecoder;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AgentLabelsTest {
  private static final Map<SampleChannel, String> SOURCE_ID_FIELD = Map.of(SampleChannel.EMAIL, "messageId",
      SampleChannel.CHAT, "messageId", SampleChannel.APP, "reviewId", SampleChannel.SOCIAL, "postId");
  /** The service's own reader of the labels topic; JSON needs no registry. */
  private final LabelReader reader = new LabelReader(
      new RawRecordDecoder(new AvroSerdes(RegistrySettings.of("http://127.0.0.1:9")).genericDeserializer()),
      Set.of("email", "chat", "app", "social"));
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void labelsAboutTheShareOfTheUnratedChannelsItemsWithTheirReviewsStars() throws IOException {
    SampleTraffic traffic = new SampleTraffic(SampleReviews.load(), 5, Clock.systemUTC());
    AgentLabels agents = new AgentLabels("feedback.labels", AgentLabels.UNRATED, 0.5, 11);
    Map<SampleChannel, int[]> itemsAndLabels = new EnumMap<>(SampleChannel.class);
    for (int i = 0; i < 4000; i++) {
      SampleTraffic.Item item = traffic.nextItem();
      Optional<ProducerRecord<byte[], byte[]>> label = agents.labelFor(item);
      int[] counts = itemsAndLabels.computeIfAbsent(item.channel(), c -> new int[2]);
      counts[0]++;
      if (label.isEmpty()) {
        continue;
      }
      counts[1]++;
      JsonNode value = json.readTree(item.record().value());
      String id = item.channel().name().toLowerCase() + ":" + value.get(SOURCE_ID_FIELD.get(item.channel())).asText();
      FeedbackLabel read = reader.read("feedback.labels", label.get().key(), label.get().value());
      assertThat(read.getId()).as("the item's canonical id, which keys the label").isEqualTo(id);
      assertThat(label.get().topic()).isEqualTo("feedback.labels");
      int stars = item.review().rating();
      assertThat(read.getLabel()).as("the label of %d stars", stars).isEqualTo(stars <= 2 ? -1 : stars == 3 ? 0 : 1);
      assertThat(read.getSource()).isEqualTo("agent");
      assertThat(label.get().timestamp()).as("labelled as the item is sent").isEqualTo(item.record().timestamp());
    }
    assertThat(itemsAndLabels.get(SampleChannel.APP)[1]).as("app reviews are labelled by their ratings").isZero();
    for (SampleChannel channel : AgentLabels.UNRATED) {
      int[] counts = itemsAndLabels.get(channel);
      assertThat((double) counts[1] / counts[0]).as(channel + " share labelled").isBetween(0.44, 0.56);
    }
  }

  @Test
  void refusesAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> new AgentLabels("feedback.labels", AgentLabels.UNRATED, 1.5, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 to 1, not 1.5");
  }
}
