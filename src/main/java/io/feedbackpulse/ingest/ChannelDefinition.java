package io.feedbackpulse.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the records of one input topic become canonical Feedback. Works on field names, over JSON and Avro alike,
 * so a channel is added with a definition and a schema, without code.
 *
 * @param name the channel, first part of the feedback id {@code <channel>:<source id>}
 * @param topic the input topic
 * @param recordName full name of the channel's Avro record; framed Avro of another record is {@code wrong_schema}
 * @param sourceIdField the required field with the item's id at the source
 * @param textField the required field with the feedback text
 * @param timeField the optional field with the event time, or null when the channel has none
 * @param textFormat how the text is normalized
 * @param fields which channel field fills which optional canonical field; other fields become attributes
 */
public record ChannelDefinition(
    String name,
    String topic,
    String recordName,
    String sourceIdField,
    String textField,
    String timeField,
    TextFormat textFormat,
    Map<CanonicalField, String> fields) {

  public ChannelDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(recordName, "recordName");
    Objects.requireNonNull(sourceIdField, "sourceIdField");
    Objects.requireNonNull(textField, "textField");
    Objects.requireNonNull(textFormat, "textFormat");
    fields = Map.copyOf(fields);
  }

  /** The four channels of the architecture, on their default topics. */
  public static List<ChannelDefinition> defaults() {
    String namespace = "io.feedbackpulse.avro.channel.";
    return List.of(
        new ChannelDefinition("email", "feedback.raw.email", namespace + "EmailFeedback",
            "messageId", "body", "receivedAt", TextFormat.EMAIL,
            Map.of(CanonicalField.SUBJECT, "subject", CanonicalField.ORDER_ID, "orderId")),
        new ChannelDefinition("chat", "feedback.raw.chat", namespace + "ChatFeedback",
            "messageId", "text", "sentAt", TextFormat.PLAIN,
            Map.of(CanonicalField.CUSTOMER_ID, "customerId")),
        new ChannelDefinition("app", "feedback.raw.app", namespace + "AppReview",
            "reviewId", "text", "submittedAt", TextFormat.PLAIN,
            Map.of(CanonicalField.CUSTOMER_ID, "customerId",
                CanonicalField.PRODUCT_ID, "productId",
                CanonicalField.PRODUCT_CATEGORY, "productCategory",
                CanonicalField.RATING, "rating",
                CanonicalField.PLATFORM, "platform")),
        new ChannelDefinition("social", "feedback.raw.social", namespace + "SocialPost",
            "postId", "text", "postedAt", TextFormat.PLAIN,
            Map.of(CanonicalField.PLATFORM, "platform")));
  }

  public ChannelDefinition withTopic(String newTopic) {
    return new ChannelDefinition(name, newTopic, recordName, sourceIdField, textField, timeField, textFormat, fields);
  }

  /** The channel fields that fill Feedback fields; every other field goes to the attributes. */
  Set<String> mappedFields() {
    Set<String> mapped = new HashSet<>(fields.values());
    mapped.add(sourceIdField);
    mapped.add(textField);
    if (timeField != null) {
      mapped.add(timeField);
    }
    return mapped;
  }
}
