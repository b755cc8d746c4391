package io.feedbackpulse.ingest;

import static io.feedbackpulse.ingest.IngestFixture.RECORD_TIME;
import static io.feedbackpulse.ingest.IngestFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.channel.AppReview;
import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.avro.channel.EmailFeedback;
import io.feedbackpulse.avro.channel.SocialPost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackIngestorChannelsTest {

  private static final Instant JUNE_3 = Instant.parse("2024-06-03T08:15:30Z");

  private final IngestFixture fixture = new IngestFixture(FeedbackValidator.DEFAULT_MAX_TEXT_LENGTH);

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Nested
  class Email {

    private static final String HTML_BODY = "<p>The kettle&nbsp;leaks.</p><div class=\"gmail_quote\">On Mon, 3 Jun 2024"
        + " at 10:02, support@shop.example wrote:<blockquote>Anything else?</blockquote></div>";

    @Test
    void avro() {
      byte[] value = fixture.avro("feedback.raw.email", EmailFeedback.newBuilder()
          .setMessageId("<CA+1x@mail.example>")
          .setBody(HTML_BODY)
          .setFrom("jane@example.com")
          .setSubject("Leaking kettle")
          .setReceivedAt(JUNE_3)
          .setOrderId("o-4711")
          .build());

      Feedback feedback = fixture.accepted("feedback.raw.email", value);

      assertThat(feedback.getId()).isEqualTo("email:<CA+1x@mail.example>");
      assertThat(feedback.getChannel()).isEqualTo("email");
      assertThat(feedback.getSourceId()).isEqualTo("<CA+1x@mail.example>");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getOriginalText()).isEqualTo(HTML_BODY);
      assertThat(feedback.getText()).isEqualTo("The kettle leaks.");
      assertThat(feedback.getSubject()).isEqualTo("Leaking kettle");
      assertThat(feedback.getOrderId()).isEqualTo("o-4711");
      assertThat(feedback.getCustomerId()).isNull();
      assertThat(feedback.getAttributes()).containsExactly(entry("from", "jane@example.com"));
    }

    @Test
    void json() {
      Feedback feedback = fixture.accepted("feedback.raw.email", utf8("""
          {"messageId": "m-1", "body": "Wrong size delivered.\\n\\nSent from my iPhone",
           "from": "jane@example.com", "subject": null, "receivedAt": "2024-06-03T10:15:30+02:00"}
          """));

      assertThat(feedback.getId()).isEqualTo("email:m-1");
      assertThat(feedback.getText()).isEqualTo("Wrong size delivered.");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getSubject()).isNull();
      assertThat(feedback.getOrderId()).isNull();
      assertThat(feedback.getAttributes()).containsExactly(entry("from", "jane@example.com"));
    }
  }

  @Nested
  class Chat {

    @Test
    void avro() {
      byte[] value = fixture.avro("feedback.raw.chat", ChatFeedback.newBuilder()
          .setMessageId("m-1042").setText("Where  is my\tparcel?").setSessionId("s-9").setCustomerId("c-77")
          .setSentAt(JUNE_3).build());

      Feedback feedback = fixture.accepted("feedback.raw.chat", value);

      assertThat(feedback.getId()).isEqualTo("chat:m-1042");
      assertThat(feedback.getText()).isEqualTo("Where is my parcel?");
      assertThat(feedback.getOriginalText()).isEqualTo("Where  is my\tparcel?");
      assertThat(feedback.getCustomerId()).isEqualTo("c-77");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getAttributes()).containsExactly(entry("sessionId", "s-9"));
    }

    @Test
    void json() {
      Feedback feedback = fixture.accepted("feedback.raw.chat", utf8("""
          {"messageId": "m-1043", "text": "Thanks, all sorted!", "customerId": "c-77", "sentAt": 1717402530000,
           "sessionId": "s-9", "agent": {"id": 5}}"""));

      assertThat(feedback.getId()).isEqualTo("chat:m-1043");
      assertThat(feedback.getCustomerId()).isEqualTo("c-77");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getAttributes()).containsExactly(entry("sessionId", "s-9"), entry("agent", "{\"id\":5}"));
    }
  }

  @Nested
  class App {

    @Test
    void avro() {
      byte[] value = fixture.avro("feedback.raw.app", AppReview.newBuilder()
          .setReviewId("r-5").setText("Crashes on start").setCustomerId("c-1").setProductId("p-9")
          .setProductCategory("kitchen").setRating(1).setPlatform("android").setAppVersion("4.2.0")
          .setSubmittedAt(JUNE_3).build());

      Feedback feedback = fixture.accepted("feedback.raw.app", value);

      assertThat(feedback.getId()).isEqualTo("app:r-5");
      assertThat(feedback.getText()).isEqualTo("Crashes on start");
      assertThat(feedback.getCustomerId()).isEqualTo("c-1");
      assertThat(feedback.getProductId()).isEqualTo("p-9");
      assertThat(feedback.getProductCategory()).isEqualTo("kitchen");
      assertThat(feedback.getRating()).isEqualTo(1);
      assertThat(feedback.getPlatform()).isEqualTo("android");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getAttributes()).containsExactly(entry("appVersion", "4.2.0"));
    }

    @Test
    void json() {
      Feedback feedback = fixture.accepted("feedback.raw.app", utf8("""
          {"reviewId": 9001, "text": "Love the new dark mode", "rating": 5, "platform": "ios",
           "appVersion": "4.2.1", "submittedAt": "2024-06-03T08:15:30Z"}"""));

      assertThat(feedback.getId()).isEqualTo("app:9001");
      assertThat(feedback.getRating()).isEqualTo(5);
      assertThat(feedback.getPlatform()).isEqualTo("ios");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getAttributes()).containsExactly(entry("appVersion", "4.2.1"));
    }
  }

  @Nested
  class Social {

    @Test
    void avro() {
      byte[] value = fixture.avro("feedback.raw.social", SocialPost.newBuilder()
          .setPostId("1790000000000000001").setText("@shop worst checkout ever \uD83D\uDE21").setPlatform("x")
          .setAuthor("@jane").setUrl("https://x.example/jane/status/1790000000000000001").setPostedAt(JUNE_3)
          .build());

      Feedback feedback = fixture.accepted("feedback.raw.social", value);

      assertThat(feedback.getId()).isEqualTo("social:1790000000000000001");
      assertThat(feedback.getText()).isEqualTo("@shop worst checkout ever \uD83D\uDE21");
      assertThat(feedback.getPlatform()).isEqualTo("x");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getAttributes()).containsExactly(
          entry("author", "@jane"), entry("url", "https://x.example/jane/status/1790000000000000001"));
    }

    @Test
    void json() {
      Feedback feedback = fixture.accepted("feedback.raw.social", utf8("""
          \uFEFF{"postId": "p-3", "text": "ok-ish", "platform": "mastodon", "author": "@bob",
           "postedAt": "2024-06-03T08:15:30.000Z"}"""));

      assertThat(feedback.getId()).isEqualTo("social:p-3");
      assertThat(feedback.getPlatform()).isEqualTo("mastodon");
      assertThat(feedback.getEventTime()).isEqualTo(JUNE_3);
      assertThat(feedback.getAttributes()).containsExactly(entry("author", "@bob"));
    }
  }

  @Nested
  class EventTime {

    @Test
    void fallsBackToTheRecordTimestampWhenTheTimeIsAbsent() {
      Feedback feedback = fixture.accepted("feedback.raw.chat", utf8("{\"messageId\": \"m-1\", \"text\": \"hi\"}"));

      assertThat(feedback.getEventTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    }

    @Test
    void fallsBackToTheRecordTimestampWhenTheTimeIsNull() {
      Feedback json = fixture.accepted("feedback.raw.chat",
          utf8("{\"messageId\": \"m-1\", \"text\": \"hi\", \"sentAt\": null}"));
      Feedback avro = fixture.accepted("feedback.raw.chat", fixture.avro("feedback.raw.chat",
          ChatFeedback.newBuilder().setMessageId("m-2").setText("hi").setSentAt(null).build()));

      assertThat(json.getEventTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
      assertThat(avro.getEventTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    }

    @Test
    void acceptsIsoWithAnyOffsetAndEpochMillis() {
      for (String time : List.of("\"2024-06-03T08:15:30Z\"", "\"2024-06-03T03:15:30-05:00\"", "1717402530000")) {
        Feedback feedback = fixture.accepted("feedback.raw.chat",
            utf8("{\"messageId\": \"m-1\", \"text\": \"hi\", \"sentAt\": " + time + "}"));

        assertThat(feedback.getEventTime()).as(time).isEqualTo(JUNE_3);
      }
    }
  }

  @Test
  void ingestsFromManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Feedback>> results = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        String id = "m-" + i;
        byte[] value = i % 2 == 0
            ? fixture.avro("feedback.raw.chat", ChatFeedback.newBuilder().setMessageId(id).setText("text " + i).build())
            : utf8("{\"messageId\": \"" + id + "\", \"text\": \"text " + i + "\"}");
        results.add(pool.submit(() -> fixture.accepted("feedback.raw.chat", value)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get().getId()).isEqualTo("chat:m-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNewChannelNeedsOnlyADefinitionAndASchema() {
    Schema survey = SchemaBuilder.record("SurveyAnswer").namespace("com.example.survey").fields()
        .requiredString("answerId").requiredString("comment").optionalString("customer").optionalInt("score")
        .optionalString("campaign").endRecord();
    ChannelDefinition surveys = new ChannelDefinition("survey", "feedback.raw.survey", survey.getFullName(),
        "answerId", "comment", null, TextFormat.PLAIN,
        Map.of(CanonicalField.CUSTOMER_ID, "customer", CanonicalField.RATING, "score"));
    try (IngestFixture withSurveys = new IngestFixture(List.of(surveys), 1000)) {
      int id = withSurveys.registry.register("feedback.raw.survey-value", survey);
      GenericRecord answer = new GenericData.Record(survey);
      answer.put("answerId", "a-1");
      answer.put("comment", "Delivery was quick");
      answer.put("score", 4);
      answer.put("campaign", "summer");

      Feedback fromAvro = withSurveys.accepted("feedback.raw.survey", IngestFixture.framed(id, answer));
      Feedback fromJson = withSurveys.accepted("feedback.raw.survey", utf8("""
          {"answerId": "a-2", "comment": "Meh", "customer": "c-3", "score": 3}"""));

      assertThat(fromAvro.getId()).isEqualTo("survey:a-1");
      assertThat(fromAvro.getRating()).isEqualTo(4);
      assertThat(fromAvro.getEventTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
      assertThat(fromAvro.getAttributes()).containsExactly(entry("campaign", "summer"));
      assertThat(fromJson.getId()).isEqualTo("survey:a-2");
      assertThat(fromJson.getCustomerId()).isEqualTo("c-3");
    }
  }
}
