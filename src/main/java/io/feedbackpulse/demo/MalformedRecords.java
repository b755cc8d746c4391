package io.feedbackpulse.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The kinds of broken input a real channel sends now and then, so that the demo shows the
 * dead-letter path: not JSON, broken JSON, a missing text, a text of the wrong type, a text that
 * cleans to nothing, and a framed-Avro record with a schema id no registry knows.
 */
public final class MalformedRecords {
  private final SplittableRandom random;

  public MalformedRecords(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public ProducerRecord<byte[], byte[]> next() {
    SampleChannel channel = SampleChannel.values()[random.nextInt(SampleChannel.values().length)];
    String id = "broken-" + Long.toHexString(random.nextLong() & 0xffffffL);
    List<byte[]> kinds = List.of(
        utf8("<<not json>>"),
        utf8("{\"messageId\":\"" + id + "\",\"text\":\"unterminated"),
        utf8("{\"messageId\":\"" + id + "\",\"reviewId\":\"" + id + "\",\"postId\":\"" + id + "\"}"),
        utf8("{\"messageId\":\"" + id + "\",\"reviewId\":\"" + id + "\",\"postId\":\"" + id
            + "\",\"text\":42,\"body\":42}"),
        utf8("{\"messageId\":\"" + id + "\",\"reviewId\":\"" + id + "\",\"postId\":\"" + id
            + "\",\"text\":\"   \",\"body\":\"<p>&nbsp;</p>\"}"),
        new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 'x'});
    byte[] value = kinds.get(random.nextInt(kinds.size()));
    return new ProducerRecord<>(channel.defaultTopic(), utf8(id), value);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
