package io.feedbackpulse.ingest;

import static io.feedbackpulse.ingest.IngestFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.avro.channel.EmailFeedback;
import io.feedbackpulse.avro.channel.SocialPost;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.RegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackIngestorRejectsTest {

  private static final int MAX_TEXT_LENGTH = 50;
  private static final String CHAT = "feedback.raw.chat";

  private final IngestFixture fixture = new IngestFixture(MAX_TEXT_LENGTH);

  @AfterAll
  void stop() {
    fixture.close();
  }

  private IngestResult.Rejected rejectedChat(String json) {
    return fixture.rejected(CHAT, utf8(json));
  }

  @Test
  void aRecordOverTheInputLimitIsRejectedBeforeItIsDecoded() {
    byte[] value = IngestFixture.utf8("{\"messageId\":\"m-1\",\"text\":\"" + "a".repeat(300_000) + "\"}");
    IngestResult.Rejected r = fixture.rejected("feedback.raw.chat", value);
    assertThat(r.reason()).isEqualTo(RejectReason.RECORD_TOO_LARGE);
    assertThat(r.detail()).contains("300029 bytes", "input.max-bytes");
  }

  @Test
  void nullValue() {
    IngestResult.Rejected rejected = fixture.rejected(CHAT, null);

    assertThat(rejected.reason()).isEqualTo(RejectReason.NULL_VALUE);
    assertThat(rejected.channel()).isEqualTo("chat");
  }

  @Test
  void randomBytesAndPlainTextAreAnUnknownFormat() {
    byte[] random = new byte[64];
    new Random(7).nextBytes(random);
    random[0] = (byte) 0x9c;

    assertThat(fixture.rejected(CHAT, random).reason()).isEqualTo(RejectReason.UNKNOWN_FORMAT);
    assertThat(fixture.rejected(CHAT, utf8("Great app, 5 stars")).reason()).isEqualTo(RejectReason.UNKNOWN_FORMAT);
    assertThat(fixture.rejected(CHAT, new byte[0]).reason()).isEqualTo(RejectReason.UNKNOWN_FORMAT);
  }

  @Test
  void invalidUtf8() throws Exception {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    value.write(utf8("{\"messageId\": \"m-1\", \"text\": \"caf"));
    value.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // a lead byte without its continuation
    value.write(utf8(" au lait\"}"));

    IngestResult.Rejected rejected = fixture.rejected(CHAT, value.toByteArray());

    assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_UTF8);
    assertThat(rejected.detail()).contains("byte 33");
  }

  @Test
  void invalidJson() {
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": \"the app is gre").reason())
        .isEqualTo(RejectReason.INVALID_JSON);
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": \"ok\"} {\"second\": 1}").reason())
        .isEqualTo(RejectReason.INVALID_JSON);
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"messageId\": \"m-2\", \"text\": \"ok\"}").reason())
        .isEqualTo(RejectReason.INVALID_JSON);
    assertThat(rejectedChat("[{\"messageId\": \"m-1\", \"text\": \"ok\"}]").detail())
        .isEqualTo("expected a JSON object, got array");
    assertThat(rejectedChat("null").detail()).isEqualTo("expected a JSON object, got null");
    assertThat(rejectedChat("42").detail()).isEqualTo("expected a JSON object, got number");
    assertThat(rejectedChat(" true").detail()).isEqualTo("expected a JSON object, got boolean");
    assertThat(rejectedChat("-1.5").reason()).isEqualTo(RejectReason.INVALID_JSON);
    assertThat(rejectedChat("nonsense").reason()).isEqualTo(RejectReason.INVALID_JSON);
  }

  @Test
  void truncatedOrGarbledAvro() {
    byte[] whole = fixture.avro(CHAT, ChatFeedback.newBuilder().setMessageId("m-1")
        .setText("The parcel arrived two weeks late").build());
    byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
    byte[] garbled = whole.clone();
    garbled[5] = (byte) 0x7f; // the id's length becomes -64

    assertThat(fixture.rejected(CHAT, truncated).reason()).isEqualTo(RejectReason.INVALID_AVRO);
    assertThat(fixture.rejected(CHAT, garbled).reason()).isEqualTo(RejectReason.INVALID_AVRO);
    assertThat(fixture.rejected(CHAT, new byte[] {0, 0, 1}).reason()).isEqualTo(RejectReason.INVALID_AVRO);
  }

  @Test
  void unknownSchemaId() {
    byte[] whole = fixture.avro(CHAT, ChatFeedback.newBuilder().setMessageId("m-1").setText("hi").build());
    ByteBuffer.wrap(whole).putInt(1, 4242);

    IngestResult.Rejected rejected = fixture.rejected(CHAT, whole);

    assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA_ID);
    assertThat(rejected.detail()).contains("4242");
  }

  @Test
  void schemaIdOfAnotherRecordType() {
    byte[] chatOnEmail = fixture.avro(CHAT, ChatFeedback.newBuilder().setMessageId("m-1").setText("hi").build());
    byte[] socialOnChat = fixture.avro("feedback.raw.social",
        SocialPost.newBuilder().setPostId("p-1").setText("hi").build());
    int stringSchema = fixture.registry.register("strings-value", Schema.create(Schema.Type.STRING));
    byte[] notARecord = {0, 0, 0, 0, (byte) stringSchema, 4, 'h', 'i'};

    IngestResult.Rejected chat = fixture.rejected("feedback.raw.email", chatOnEmail);

    assertThat(chat.reason()).isEqualTo(RejectReason.WRONG_SCHEMA);
    assertThat(chat.detail()).contains("ChatFeedback", "EmailFeedback");
    assertThat(fixture.rejected(CHAT, socialOnChat).reason()).isEqualTo(RejectReason.WRONG_SCHEMA);
    assertThat(fixture.rejected(CHAT, notARecord).reason()).isEqualTo(RejectReason.WRONG_SCHEMA);
  }

  @Test
  void jsonMissingARequiredField() {
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"sentAt\": 1717402530000}"))
        .extracting(IngestResult.Rejected::reason, IngestResult.Rejected::detail)
        .containsExactly(RejectReason.MISSING_FIELD, "required field 'text' is missing");
    assertThat(rejectedChat("{\"messageId\": null, \"text\": \"hi\"}").reason()).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(rejectedChat("{\"messageId\": \"  \", \"text\": \"hi\"}").reason()).isEqualTo(RejectReason.MISSING_FIELD);
  }

  @Test
  void wrongFieldTypes() {
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": 42}"))
        .extracting(IngestResult.Rejected::reason, IngestResult.Rejected::detail)
        .containsExactly(RejectReason.WRONG_FIELD_TYPE, "text must be a string, got a whole number");
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": {\"body\": \"hi\"}}").detail())
        .isEqualTo("text must be a string, got an object");
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": \"hi\", \"sentAt\": \"yesterday\"}").reason())
        .isEqualTo(RejectReason.WRONG_FIELD_TYPE);
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": \"hi\", \"sentAt\": \"2024-06-03T10:00:00\"}")
        .reason()).isEqualTo(RejectReason.WRONG_FIELD_TYPE);
    assertThat(fixture.rejected("feedback.raw.app", utf8("{\"reviewId\": \"r\", \"text\": \"hi\", \"rating\": \"five\"}"))
        .reason()).isEqualTo(RejectReason.WRONG_FIELD_TYPE);
    assertThat(fixture.rejected("feedback.raw.app", utf8("{\"reviewId\": \"r\", \"text\": \"hi\", \"rating\": 9}"))
        .detail()).isEqualTo("rating must be from 1 to 5, got 9");
  }

  @Test
  void textThatNormalizesToNothing() {
    byte[] onlyAQuote = fixture.avro("feedback.raw.email", EmailFeedback.newBuilder().setMessageId("m-1")
        .setBody("\n\nOn 3 Jun 2024, at 10:02, support@shop.example wrote:\n> Is there anything else?").build());

    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": \" \\u200B\\t \\n\"}").reason())
        .isEqualTo(RejectReason.EMPTY_TEXT);
    assertThat(rejectedChat("{\"messageId\": \"m-1\", \"text\": \"\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E"
        + "\u2066\u2067\u2068\u2069\"}").reason()).as("only direction and zero-width characters")
        .isEqualTo(RejectReason.EMPTY_TEXT);
    assertThat(fixture.rejected("feedback.raw.email", onlyAQuote).reason()).isEqualTo(RejectReason.EMPTY_TEXT);
  }

  @Test
  void textTooLongAfterNormalization() {
    String fifty = "a".repeat(MAX_TEXT_LENGTH);
    String fiftyWithExtraSpaces = "a".repeat(25) + "          " + "a".repeat(24);

    IngestResult.Rejected tooLong = rejectedChat("{\"messageId\": \"m-1\", \"text\": \"" + fifty + "b\"}");

    assertThat(tooLong.reason()).isEqualTo(RejectReason.TEXT_TOO_LONG);
    assertThat(tooLong.detail()).contains("51", "50");
    assertThat(fixture.accepted(CHAT, utf8("{\"messageId\": \"m-1\", \"text\": \"" + fifty + "\"}"))).isNotNull();
    assertThat(fixture.accepted(CHAT, utf8("{\"messageId\": \"m-2\", \"text\": \"" + fiftyWithExtraSpaces + "\"}"))
        .getText()).hasSize(MAX_TEXT_LENGTH);
  }

  @Test
  void unknownTopic() {
    IngestResult.Rejected rejected = fixture.rejected("feedback.raw.fax", utf8("{\"messageId\": \"m-1\"}"));

    assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_TOPIC);
    assertThat(rejected.channel()).isNull();
  }

  @Test
  void everyReasonHasAStableLowerCaseCode() {
    assertThat(RejectReason.values()).extracting(RejectReason::code).containsExactly(
        "null_value", "unknown_format", "invalid_utf8", "invalid_json", "invalid_avro", "unknown_schema_id",
        "wrong_schema", "missing_field", "wrong_field_type", "empty_text", "text_too_long", "record_too_large",
        "unknown_topic", "invalid_label", "invalid_label_id");
  }

  @Test
  void anUnreachableRegistryIsNotARejectButAnExceptionToRetryOn() {
    byte[] value = fixture.avro(CHAT, ChatFeedback.newBuilder().setMessageId("m-1").setText("hi").build());
    String stoppedUrl;
    try (InMemorySchemaRegistry stopped = InMemorySchemaRegistry.start()) {
      stoppedUrl = stopped.url();
    }
    FeedbackIngestor offline = new FeedbackIngestor(ChannelDefinition.defaults(),
        new RawRecordDecoder(new AvroSerdes(RegistrySettings.of(stoppedUrl)).genericDeserializer()),
        new TextNormalizer(), new FeedbackValidator(MAX_TEXT_LENGTH));

    assertThatThrownBy(() -> offline.ingest(CHAT, null, value, 0L))
        .isInstanceOf(RegistryUnavailableException.class);
    assertThat(offline.ingest(CHAT, null, utf8("{\"messageId\": \"m-1\", \"text\": \"hi\"}"), 0L))
        .isInstanceOf(IngestResult.Accepted.class);
  }
}
