package io.feedbackpulse.reliability;

import io.feedbackpulse.avro.channel.AppReview;
import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.registry.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Malformed channel records of many kinds, each with the dead-letter reason it must get (null: any). */
final class MalformedRecords {
  record Malformed(String kind, String expectedReason, ProducerRecord<byte[], byte[]> record) {}

  static final List<String> KINDS = List.of("random_bytes", "truncated_avro", "unknown_schema_id", "other_record_type",
      "invalid_json", "missing_field", "wrong_field_type", "invalid_utf8", "null_key", "null_value", "huge_text",
      "normalizes_to_nothing");
  private static final List<String> TOPICS = List.of("feedback.raw.email", "feedback.raw.chat", "feedback.raw.app",
      "feedback.raw.social");

  private final SplittableRandom random;
  private final byte[] chatAvro;
  private final byte[] appAvro;

  MalformedRecords(long seed, AvroSerdes avro) {
    this.random = new SplittableRandom(seed);
    chatAvro = avro.specific(ChatFeedback.class, false).serializer().serialize("feedback.raw.chat",
        ChatFeedback.newBuilder().setMessageId("m-avro").setText("A perfectly fine sweater, thanks").build());
    appAvro = avro.specific(AppReview.class, false).serializer().serialize("feedback.raw.app",
        AppReview.newBuilder().setReviewId("r-avro").setText("Great fit").setRating(5).build());
  }

  Malformed next(int n) {
    String kind = KINDS.get(n % KINDS.size());
    byte[] key = ("bad-" + n).getBytes(StandardCharsets.UTF_8);
    return switch (kind) {
      case "random_bytes" -> bad(kind, null, "feedback.raw.chat", key, randomBytes(1 + random.nextInt(200)));
      case "truncated_avro" -> bad(kind, "invalid_avro", "feedback.raw.chat", key,
          Arrays.copyOf(chatAvro, 5 + random.nextInt(chatAvro.length - 5)));
      case "unknown_schema_id" -> bad(kind, "unknown_schema_id", "feedback.raw.chat", key,
          ByteBuffer.allocate(9).put((byte) 0).putInt(900_000 + random.nextInt(1000)).putInt(42).array());
      case "other_record_type" -> bad(kind, "wrong_schema", "feedback.raw.chat", key, appAvro);
      case "invalid_json" -> bad(kind, "invalid_json", "feedback.raw.social", key,
          utf8("{\"postId\": \"p-" + n + "\", \"text\": \"unterminated"));
      case "missing_field" -> bad(kind, "missing_field", "feedback.raw.app", key, utf8("{\"reviewId\":\"r-" + n + "\"}"));
      case "wrong_field_type" -> bad(kind, "wrong_field_type", "feedback.raw.app", key,
          utf8("{\"reviewId\":\"r-" + n + "\",\"text\":[1,2,3]}"));
      case "invalid_utf8" -> bad(kind, "invalid_utf8", "feedback.raw.chat", key,
          concat(utf8("{\"messageId\":\"m-" + n + "\",\"text\":\"caf"), new byte[] {(byte) 0xc3, 0x28}, utf8("\"}")));
      case "null_key" -> bad(kind, "invalid_json", TOPICS.get(random.nextInt(4)), null, utf8("{nope"));
      case "null_value" -> bad(kind, "null_value", TOPICS.get(random.nextInt(4)), key, null);
      case "huge_text" -> bad(kind, "text_too_long", "feedback.raw.chat", key,
          utf8("{\"messageId\":\"m-" + n + "\",\"text\":\"" + "terrible ".repeat(3000) + "\"}"));
      default -> bad(kind, "empty_text", "feedback.raw.email", key,
          utf8("{\"messageId\":\"e-" + n + "\",\"body\":\"<html><body><p>&nbsp;</p> \\n\\t </body></html>\"}"));
    };
  }

  private static Malformed bad(String kind, String reason, String topic, byte[] key, byte[] value) {
    return new Malformed(kind, reason, new ProducerRecord<>(topic, key, value));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
