package io.feedbackpulse.reliability;

import io.feedbackpulse.demo.SampleChannel;
import io.feedbackpulse.demo.SampleReviews;
import io.feedbackpulse.demo.SampleTraffic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sample traffic over the four channels, produced in bursts of random size with pauses between them, and the
 * feedback ids it sent. Event times step 1 ms per record from {@code start}.
 */
final class Traffic implements AutoCloseable {
  final Map<String, String> sentIdToChannel = new HashMap<>();
  final Map<String, Long> windowedPerChannel = new HashMap<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final SampleTraffic sample;
  private final SplittableRandom random;
  private final Instant start;

  Traffic(String bootstrapServers, long seed, Instant start) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "5");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.start = start;
    this.sample = new SampleTraffic(SampleReviews.load(), seed, new SteppingClock(start, Duration.ofMillis(1)));
    this.random = new SplittableRandom(seed);
  }

  /** Sends {@code total} records in bursts of 1 to {@code maxBurst} with pauses of up to {@code maxPause}. */
  void sendInBursts(int total, int maxBurst, Duration maxPause, Runnable betweenBursts) throws InterruptedException {
    int sent = 0;
    while (sent < total) {
      int burst = Math.min(total - sent, 1 + random.nextInt(maxBurst));
      for (int i = 0; i < burst; i++) {
        send(sample.next(), true);
      }
      producer.flush();
      sent += burst;
      betweenBursts.run();
      Thread.sleep(random.nextLong(maxPause.toMillis() + 1));
    }
  }

  void send(ProducerRecord<byte[], byte[]> record, boolean windowed) {
    String channel = record.topic().substring(record.topic().lastIndexOf('.') + 1);
    sentIdToChannel.put(channel + ":" + new String(record.key(), StandardCharsets.UTF_8), channel);
    if (windowed) {
      windowedPerChannel.merge(channel, 1L, Long::sum);
    }
    producer.send(record);
  }

  /** One record per channel far past every window sent so far: it moves stream time on so they close. */
  void sendWindowClosers(Duration pastStart) {
    SampleTraffic late = new SampleTraffic(SampleReviews.load(), 7, Clock.fixed(start.plus(pastStart), ZoneOffset.UTC));
    for (SampleChannel channel : SampleChannel.values()) {
      send(late.next(channel), false);
    }
    producer.flush();
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
