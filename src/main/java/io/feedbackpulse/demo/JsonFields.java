package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.SplittableRandom;

/** Writes fields the way real JSON producers differ: times as ISO-8601 or epoch millis, optional fields absent or null. */
final class JsonFields {

  private JsonFields() {
  }

  static void putTime(ObjectNode node, String field, Instant time, SplittableRandom random) {
    if (random.nextBoolean()) {
      node.put(field, time.toString());
    } else {
      node.put(field, time.toEpochMilli());
    }
  }

  /** Puts {@code value} with the given probability; otherwise the field is null or left out. */
  static void putSometimes(ObjectNode node, String field, String value, double presence, SplittableRandom random) {
    if (value != null && !value.isEmpty() && Randoms.chance(random, presence)) {
      node.put(field, value);
    } else if (random.nextBoolean()) {
      node.putNull(field);
    }
  }
}
