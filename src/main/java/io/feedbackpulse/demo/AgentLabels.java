package io.feedbackpulse.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The demo's support agents: they label a share of the sample items of some channels, as a person labels an item on
 * the labels topic (JSON keyed by the canonical id, {@code source=agent}), with the label the item's review gives by
 * its stars. The app channel needs none: its reviews' ratings label them ({@code labels.from-ratings}). The same seed
 * labels the same items. Not thread-safe.
 */
public final class AgentLabels {
  /** The channels whose items carry no rating. */
  public static final Set<SampleChannel> UNRATED = EnumSet.of(SampleChannel.EMAIL, SampleChannel.CHAT,
      SampleChannel.SOCIAL);
  static final String LABELER = "demo-autopilot";

  private final String topic;
  private final Set<SampleChannel> channels;
  private final double share;
  private final SplittableRandom random;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param topic the labels topic ({@code topic.labels})
   * @param share of the items of {@code channels} that get a label, 0 to 1
   */
  public AgentLabels(String topic, Set<SampleChannel> channels, double share, long seed) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("The share of items labelled must be from 0 to 1, not " + share);
    }
    this.topic = topic;
    this.channels = Set.copyOf(channels);
    this.share = share;
    this.random = new SplittableRandom(seed);
  }

  /** The label record for {@code item}, when the agents label it. */
  public Optional<ProducerRecord<byte[], byte[]>> labelFor(SampleTraffic.Item item) {
    if (!channels.contains(item.channel()) || random.nextDouble() >= share) {
      return Optional.empty();
    }
    String id = item.channel().name().toLowerCase(Locale.ROOT) + ":" + item.sourceId();
    ObjectNode value = JsonNodeFactory.instance.objectNode();
    value.put("id", id);
    value.put("label", item.review().sentiment());
    value.put("source", "agent");
    value.put("labeler", LABELER);
    try {
      return Optional.of(new ProducerRecord<>(topic, null, item.record().timestamp(),
          id.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a label as JSON", e);
    }
  }
}
