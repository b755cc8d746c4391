package io.feedbackpulse.ingest;

import io.feedbackpulse.avro.Feedback;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Maps a channel record to canonical Feedback fields, by the field names of its {@link ChannelDefinition}. */
final class FeedbackMapper {
  private final EventTimePolicy eventTimes;

  FeedbackMapper(EventTimePolicy eventTimes) {
    this.eventTimes = eventTimes;
  }

  private static final int MIN_RATING = 1;
  private static final int MAX_RATING = 5;

  /**
   * A builder with every Feedback field set except the normalized {@code text}.
   *
   * @throws RejectedRecordException for a record of another type, a missing required field or a wrong type
   */
  Feedback.Builder map(ChannelDefinition channel, ChannelRecord record, long recordTimestamp, long nowMillis) {
    checkRecordType(channel, record);
    String sourceId = requiredId(record, channel.sourceIdField());
    String text = requiredText(record, channel.textField());
    EventTimePolicy.EventTime eventTime = eventTimes.resolve(
        Optional.ofNullable(channel.timeField()).flatMap(field -> eventTime(record, field)), recordTimestamp, nowMillis);

    Feedback.Builder feedback = Feedback.newBuilder()
        .setId(channel.name() + ":" + sourceId)
        .setChannel(channel.name())
        .setSourceId(sourceId)
        .setEventTime(Instant.ofEpochMilli(eventTime.millis()))
        .setEventTimeSource(eventTime.source().code())
        .setOriginalText(text)
        .setAttributes(attributes(channel, record));
    channel.fields().forEach((canonical, field) -> setOptional(feedback, canonical, record, field));
    return feedback;
  }

  private static void checkRecordType(ChannelDefinition channel, ChannelRecord record) {
    Optional<String> recordName = record.recordName();
    if (recordName.isPresent() && !recordName.get().equals(channel.recordName())) {
      throw new RejectedRecordException(RejectReason.WRONG_SCHEMA, "the record is a " + recordName.get()
          + ", the " + channel.name() + " channel reads " + channel.recordName());
    }
    for (String required : List.of(channel.sourceIdField(), channel.textField())) {
      if (!record.declares(required)) {
        throw new RejectedRecordException(RejectReason.WRONG_SCHEMA,
            "the record's schema has no field '" + required + "'");
      }
    }
  }

  private static String requiredId(ChannelRecord record, String field) {
    String id = stringOrWholeNumber(field, record.value(field).orElseThrow(() -> missing(field))).strip();
    if (id.isEmpty()) {
      throw missing(field);
    }
    return id;
  }

  private static String requiredText(ChannelRecord record, String field) {
    FieldValue value = record.value(field).orElseThrow(() -> missing(field));
    if (value instanceof FieldValue.Text text) {
      return text.value();
    }
    throw wrongType(field, "a string", value);
  }

  /** ISO-8601 with an offset or Z, epoch milliseconds, or an Avro timestamp. */
  private static Optional<Instant> eventTime(ChannelRecord record, String field) {
    return record.value(field).map(value -> {
      if (value instanceof FieldValue.Timestamp timestamp) {
        return timestamp.value();
      }
      if (value instanceof FieldValue.WholeNumber millis) {
        return Instant.ofEpochMilli(millis.value());
      }
      if (value instanceof FieldValue.Text text) {
        return parseIsoInstant(field, text.value());
      }
      throw wrongType(field, "an ISO-8601 time or epoch milliseconds", value);
    });
  }

  private static Instant parseIsoInstant(String field, String text) {
    try {
      return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new RejectedRecordException(RejectReason.WRONG_FIELD_TYPE,
          field + " is not an ISO-8601 time with offset or Z: '" + text + "'");
    }
  }

  private static void setOptional(Feedback.Builder feedback, CanonicalField canonical, ChannelRecord record,
      String field) {
    Optional<FieldValue> value = record.value(field);
    if (value.isEmpty()) {
      return;
    }
    if (canonical == CanonicalField.RATING) {
      feedback.setRating(rating(field, value.get()));
      return;
    }
    String text = stringOrWholeNumber(field, value.get());
    switch (canonical) {
      case SUBJECT -> feedback.setSubject(text);
      case CUSTOMER_ID -> feedback.setCustomerId(text);
      case ORDER_ID -> feedback.setOrderId(text);
      case PRODUCT_ID -> feedback.setProductId(text);
      case PRODUCT_CATEGORY -> feedback.setProductCategory(text);
      case PLATFORM -> feedback.setPlatform(text);
      case RATING -> throw new IllegalStateException("handled above");
    }
  }

  /** Ids and codes: a string, or a whole number that some JSON producers send instead. */
  private static String stringOrWholeNumber(String field, FieldValue value) {
    if (value instanceof FieldValue.Text text) {
      return text.value();
    }
    if (value instanceof FieldValue.WholeNumber number) {
      return number.render();
    }
    throw wrongType(field, "a string", value);
  }

  private static int rating(String field, FieldValue value) {
    if (!(value instanceof FieldValue.WholeNumber number)) {
      throw wrongType(field, "a whole number", value);
    }
    if (number.value() < MIN_RATING || number.value() > MAX_RATING) {
      throw new RejectedRecordException(RejectReason.WRONG_FIELD_TYPE,
          field + " must be from " + MIN_RATING + " to " + MAX_RATING + ", got " + number.value());
    }
    return (int) number.value();
  }

  private static Map<String, String> attributes(ChannelDefinition channel, ChannelRecord record) {
    Set<String> mapped = channel.mappedFields();
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String field : record.presentFields()) {
      if (!mapped.contains(field)) {
        record.value(field).ifPresent(value -> attributes.put(field, value.render()));
      }
    }
    return attributes;
  }

  private static RejectedRecordException missing(String field) {
    return new RejectedRecordException(RejectReason.MISSING_FIELD, "required field '" + field + "' is missing");
  }

  private static RejectedRecordException wrongType(String field, String expected, FieldValue actual) {
    return new RejectedRecordException(RejectReason.WRONG_FIELD_TYPE,
        field + " must be " + expected + ", got " + actual.kind());
  }
}
