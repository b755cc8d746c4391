package io.feedbackpulse.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Realistic raw feedback for the four channels, made from sample reviews: UTF-8 JSON values with
 * the field names of the channel schemas, keyed by the source id, event times set to the clock's
 * now. The same reviews, seed and clock give the same records. Not thread-safe.
 */
public final class SampleTraffic {

  /** The channel mix of {@link #next()}: chats are the most frequent, e-mails and posts the rarest. */
  private static final Map<SampleChannel, Integer> CHANNEL_WEIGHTS = new EnumMap<>(Map.of(
      SampleChannel.EMAIL, 20,
      SampleChannel.CHAT, 35,
      SampleChannel.APP, 25,
      SampleChannel.SOCIAL, 20));
  private static final int TOTAL_WEIGHT = CHANNEL_WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();

  private final ReviewMix reviews;
  private final SplittableRandom random;
  private final Clock clock;
  private final Map<SampleChannel, String> topics;
  private final Map<SampleChannel, ChannelMessages> shapers = new EnumMap<>(Map.of(
      SampleChannel.EMAIL, new EmailMessages(),
      SampleChannel.CHAT, new ChatMessages(),
      SampleChannel.APP, new AppReviewMessages(),
      SampleChannel.SOCIAL, new SocialPosts()));
  private final ObjectMapper json = new ObjectMapper();

  /** Traffic to the default topics ({@link SampleChannel#defaultTopic()}). */
  public SampleTraffic(List<SampleReview> reviews, long seed, Clock clock) {
    this(reviews, seed, clock, Map.of());
  }

  /** Traffic to the given topics; channels not in {@code topics} go to their default topic. */
  public SampleTraffic(List<SampleReview> reviews, long seed, Clock clock, Map<SampleChannel, String> topics) {
    this(reviews, seed, clock, topics, Optional.empty());
  }

  /** Traffic to the given topics whose review mix changes for one channel when {@code shift} starts. */
  public SampleTraffic(List<SampleReview> reviews, long seed, Clock clock, Map<SampleChannel, String> topics,
      Optional<NegativeShift> shift) {
    if (reviews.isEmpty()) {
      throw new IllegalArgumentException("Sample traffic needs at least one review");
    }
    this.reviews = new ReviewMix(reviews, shift);
    this.random = new SplittableRandom(seed);
    this.clock = clock;
    this.topics = new EnumMap<>(SampleChannel.class);
    for (SampleChannel channel : SampleChannel.values()) {
      this.topics.put(channel, topics.getOrDefault(channel, channel.defaultTopic()));
    }
  }

  /** Traffic from the committed review sample on the system clock. */
  public static SampleTraffic fromCommittedSample(long seed) {
    return new SampleTraffic(SampleReviews.load(), seed, Clock.systemUTC());
  }

  /** Traffic from the committed review sample on {@code clock}, shifting one channel as {@code shift} says. */
  public static SampleTraffic fromCommittedSample(long seed, Clock clock, NegativeShift shift) {
    return new SampleTraffic(SampleReviews.load(), seed, clock, Map.of(), Optional.of(shift));
  }

  /** The share of {@link #next()}'s records that go to {@code channel}. */
  public static double share(SampleChannel channel) {
    return (double) CHANNEL_WEIGHTS.get(channel) / TOTAL_WEIGHT;
  }

  /** One record and what it was made from: its channel, source id, and the review whose stars give its label. */
  public record Item(ProducerRecord<byte[], byte[]> record, SampleChannel channel, String sourceId,
      SampleReview review) {}

  /** A record of a channel drawn by the channel mix. */
  public ProducerRecord<byte[], byte[]> next() {
    return nextItem().record();
  }

  public ProducerRecord<byte[], byte[]> next(SampleChannel channel) {
    return nextItem(channel).record();
  }

  /** As {@link #next()}, with what the record was made from. */
  public Item nextItem() {
    return nextItem(drawChannel());
  }

  private Item nextItem(SampleChannel channel) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    SampleReview review = reviews.draw(channel, now, random);
    SampleMessage message = shapers.get(channel).create(review, random, now);
    return new Item(new ProducerRecord<>(topics.get(channel), null, now.toEpochMilli(),
        message.sourceId().getBytes(StandardCharsets.UTF_8), toJson(message)), channel, message.sourceId(), review);
  }

  private SampleChannel drawChannel() {
    int ticket = random.nextInt(TOTAL_WEIGHT);
    for (SampleChannel channel : SampleChannel.values()) {
      ticket -= CHANNEL_WEIGHTS.get(channel);
      if (ticket < 0) {
        return channel;
      }
    }
    throw new IllegalStateException("The channel weights do not add up");
  }

  private byte[] toJson(SampleMessage message) {
    try {
      return json.writeValueAsBytes(message.value());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a generated record as JSON", e);
    }
  }
}
