package io.feedbackpulse.ingest;

import io.feedbackpulse.avro.FeedbackLabel;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a record of the labels topic, framed Avro ({@code FeedbackLabel}) or JSON with the same field names,
 * into a {@link FeedbackLabel} with {@code labeledAt} as sent (null when the record has none): when a label counts
 * is decided where its item is known ({@code quality.LabelTimes}). Anything else is a {@link RejectedRecordException}
 * with the reason, as for channel records.
 */
public final class LabelReader {
  private static final String RECORD_NAME = FeedbackLabel.getClassSchema().getFullName();

  private final RawRecordDecoder decoder;
  private final Set<String> channels;

  /** @param channels the channel names a label's id may start with */
  public LabelReader(RawRecordDecoder decoder, Set<String> channels) {
    this.decoder = decoder;
    this.channels = Set.copyOf(channels);
  }

  /**
   * @throws RejectedRecordException when the record is no label
   * @throws io.feedbackpulse.registry.RegistryUnavailableException when the registry cannot be asked; retry
   */
  public FeedbackLabel read(String topic, byte[] key, byte[] value) {
    ChannelRecord record = decoder.decode(topic, value);
    Optional<String> name = record.recordName();
    if (name.isPresent() && !name.get().equals(RECORD_NAME)) {
      throw new RejectedRecordException(RejectReason.WRONG_SCHEMA,
          "the record is a " + name.get() + ", the labels topic reads " + RECORD_NAME);
    }
    String id = text(record, "id");
    int label = label(record);
    String source = text(record, "source");
    String labeler = record.value("labeler").map(v -> asText("labeler", v)).orElse(null);
    Instant labeledAt = record.value("labeledAt").map(LabelReader::instant).orElse(null);
    // a blank reason is none; any other is kept as given, and only a name of the taxonomy teaches (reasons)
    String reason = record.value("reason").map(v -> asText("reason", v).strip()).filter(r -> !r.isEmpty())
        .orElse(null);
    int colon = id.indexOf(':');
    if (colon <= 0 || colon == id.length() - 1 || !channels.contains(id.substring(0, colon))) {
      throw new RejectedRecordException(RejectReason.INVALID_LABEL_ID,
          "id '" + id + "' is not <channel>:<source id> with a channel of " + channels);
    }
    String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
    if (keyText != null && !keyText.equals(id)) {
      // The key places the label on the item's partition for the join; a label keyed otherwise may be a mistake.
      throw new RejectedRecordException(RejectReason.INVALID_LABEL_ID,
          "the record key '" + keyText + "' is not the label's id '" + id + "'");
    }
    return FeedbackLabel.newBuilder().setId(id).setLabel(label).setSource(source).setLabeler(labeler)
        .setLabeledAt(labeledAt).setReason(reason).build();
  }

  private static String text(ChannelRecord record, String field) {
    FieldValue value = record.value(field).orElseThrow(() ->
        new RejectedRecordException(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing"));
    String text = asText(field, value);
    if (text.isBlank()) {
      throw new RejectedRecordException(RejectReason.MISSING_FIELD, "required field '" + field + "' is empty");
    }
    return text;
  }

  private static String asText(String field, FieldValue value) {
    if (value instanceof FieldValue.Text text) {
      return text.value();
    }
    throw wrongType(field, "a string", value);
  }

  private static int label(ChannelRecord record) {
    FieldValue value = record.value("label").orElseThrow(() ->
        new RejectedRecordException(RejectReason.MISSING_FIELD, "required field 'label' is missing"));
    if (!(value instanceof FieldValue.WholeNumber number)) {
      throw wrongType("label", "a whole number", value);
    }
    if (number.value() < -1 || number.value() > 1) {
      throw new RejectedRecordException(RejectReason.INVALID_LABEL,
          "label must be -1 (negative), 0 (neutral) or 1 (positive), got " + number.value());
    }
    return (int) number.value();
  }

  private static Instant instant(FieldValue value) {
    if (value instanceof FieldValue.Timestamp timestamp) {
      return timestamp.value();
    }
    if (value instanceof FieldValue.WholeNumber millis) {
      return Instant.ofEpochMilli(millis.value());
    }
    if (value instanceof FieldValue.Text text) {
      try {
        return OffsetDateTime.parse(text.value().strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeException e) {
        throw new RejectedRecordException(RejectReason.WRONG_FIELD_TYPE,
            "labeledAt is not an ISO-8601 time with offset or Z: '" + text.value() + "'");
      }
    }
    throw wrongType("labeledAt", "an ISO-8601 time or epoch milliseconds", value);
  }

  private static RejectedRecordException wrongType(String field, String expected, FieldValue actual) {
    return new RejectedRecordException(RejectReason.WRONG_FIELD_TYPE,
        field + " must be " + expected + ", got " + actual.kind());
  }
}
