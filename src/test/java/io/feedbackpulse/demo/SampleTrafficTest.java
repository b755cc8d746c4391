package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SampleTrafficTest {

  private static final List<SampleReview> REVIEWS = SampleReviews.load();
  private static final Instant NOW = Instant.parse("2025-06-02T14:03:11.250Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> values(SampleChannel channel, int count) {
    SampleTraffic traffic = new SampleTraffic(REVIEWS, 42, CLOCK);
    List<JsonNode> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ProducerRecord<byte[], byte[]> record = traffic.next(channel);
      assertThat(record.topic()).isEqualTo(channel.defaultTopic());
      assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
      JsonNode value = parse(record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(value.get(sourceIdField(channel)).asText());
      values.add(value);
    }
    return values;
  }

  private static String sourceIdField(SampleChannel channel) {
    return switch (channel) {
      case EMAIL, CHAT -> "messageId";
      case APP -> "reviewId";
      case SOCIAL -> "postId";
    };
  }

  private static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(JsonNode value, String field) {
    JsonNode node = value.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  @Test
  void emailsHaveIdBodyAndTheOptionalFieldsInTheirShapes() {
    List<JsonNode> emails = values(SampleChannel.EMAIL, 300);

    assertThat(emails).allSatisfy(email -> {
      assertThat(email.get("messageId").asText()).matches("msg-[0-9a-f]{16}");
      assertThat(email.get("body").asText()).isNotBlank();
      assertEventTime(email, "receivedAt");
      if (text(email, "orderId") != null) {
        assertThat(text(email, "orderId")).matches("ORD-\\d{6}");
      }
      if (text(email, "from") != null) {
        assertThat(text(email, "from")).matches("([A-Za-z]+ [A-Za-z]+ <)?[a-z0-9.]+@example\\.(com|org|net)>?");
      }
    });
    assertThat(emails).filteredOn(email -> text(email, "orderId") != null).hasSizeBetween(150, 260);
    assertThat(emails).filteredOn(email -> text(email, "subject") != null && text(email, "subject").startsWith("Re: "))
        .isNotEmpty();
  }

  @Test
  void someEmailsAreHtmlWithEntitiesAndSomePlainText() {
    List<String> bodies = values(SampleChannel.EMAIL, 300).stream().map(email -> email.get("body").asText()).toList();

    List<String> html = bodies.stream().filter(body -> body.startsWith("<html>")).toList();
    List<String> plain = bodies.stream().filter(body -> !body.startsWith("<html>")).toList();
    assertThat(html).hasSizeBetween(100, 230).allSatisfy(body -> assertThat(body).contains("<p>").endsWith("</html>"));
    assertThat(html).anySatisfy(body -> assertThat(body).contains("&#39;"));
    assertThat(html).anySatisfy(body -> assertThat(body).contains("&rsquo;"));
    assertThat(html).allSatisfy(body -> assertThat(body.replaceAll("<[^>]*>", "")).doesNotContain("'", "\""));
    assertThat(plain).isNotEmpty().allSatisfy(body -> assertThat(body).doesNotContain("<p>"));
  }

  @Test
  void someEmailsReplyToTheShopQuotingItsMailAndSomeCarryASignature() {
    List<String> bodies = values(SampleChannel.EMAIL, 300).stream().map(email -> email.get("body").asText()).toList();

    List<String> plainReplies = bodies.stream()
        .filter(body -> !body.startsWith("<html>") && body.contains(" wrote:\n")).toList();
    assertThat(plainReplies).isNotEmpty().allSatisfy(body -> {
      assertThat(body).containsPattern("\nOn (Mon|Tue|Wed|Thu|Fri|Sat|Sun), .+ Customer Care <support@shop\\.example> wrote:\n> ");
      assertThat(body).contains("> Kind regards,\n> The Customer Care team");
    });
    assertThat(plainReplies).anySatisfy(body -> assertThat(body).contains("\n>> "));
    assertThat(bodies).anySatisfy(body -> assertThat(body).contains("<blockquote").contains("wrote:"));
    assertThat(bodies).anySatisfy(body -> assertThat(body).contains("\n-- \n"));
    assertThat(bodies).filteredOn(body -> body.contains("wrote:")).hasSizeLessThan(200);
  }

  @Test
  void chatsAreTheFirstSentencesOnOneLine() {
    assertThat(values(SampleChannel.CHAT, 200)).allSatisfy(chat -> {
      assertThat(chat.get("messageId").asText()).matches("m-[0-9a-f]{12}");
      assertThat(chat.get("text").asText()).isNotBlank().doesNotContain("\n").hasSizeLessThanOrEqualTo(400);
      if (text(chat, "sessionId") != null) {
        assertThat(text(chat, "sessionId")).matches("s-[0-9a-f]{8}");
      }
      if (text(chat, "customerId") != null) {
        assertThat(text(chat, "customerId")).matches("c-\\d{6}");
      }
      assertEventTime(chat, "sentAt");
    });
    assertThat(values(SampleChannel.CHAT, 200)).anySatisfy(chat -> assertThat(chat.has("customerId")).isFalse());
    assertThat(values(SampleChannel.CHAT, 200)).anySatisfy(chat -> assertThat(chat.path("customerId").isNull()).isTrue());
  }

  @Test
  void appReviewsCarryTheFullTextStarsAndProduct() {
    List<String> sampleTexts = REVIEWS.stream().map(SampleReview::text).toList();
    assertThat(values(SampleChannel.APP, 200)).allSatisfy(review -> {
      assertThat(review.get("reviewId").asText()).matches("r-[0-9a-f]{12}");
      assertThat(sampleTexts).contains(review.get("text").asText());
      assertThat(review.get("rating").asInt()).isBetween(1, 5);
      assertThat(review.get("platform").asText()).isIn("ios", "android");
      assertThat(review.get("appVersion").asText()).matches("\\d+\\.\\d+\\.\\d+");
      assertThat(review.get("productId").asText()).matches("\\d+");
      assertThat(review.get("productCategory").asText()).isNotBlank();
      assertEventTime(review, "submittedAt");
    });
  }

  @Test
  void socialPostsAreShortWithPlatformHandleAndLink() {
    assertThat(values(SampleChannel.SOCIAL, 200)).allSatisfy(post -> {
      assertThat(post.get("postId").asText()).matches("\\d{18}");
      assertThat(post.get("text").asText()).isNotBlank().hasSizeLessThanOrEqualTo(280);
      assertThat(post.get("platform").asText()).isIn("x", "instagram", "facebook", "mastodon");
      if (text(post, "author") != null) {
        assertThat(text(post, "author")).matches("@[a-z0-9_]+");
      }
      if (text(post, "url") != null) {
        assertThat(text(post, "url")).startsWith("https://");
      }
      assertEventTime(post, "postedAt");
    });
  }

  @Test
  void eventTimesAreNowAsIsoStringsOrEpochMillis() {
    List<JsonNode> times = values(SampleChannel.CHAT, 100).stream().map(chat -> chat.get("sentAt")).toList();

    assertThat(times).anySatisfy(time -> assertThat(time.isTextual()).isTrue());
    assertThat(times).anySatisfy(time -> assertThat(time.isNumber()).isTrue());
  }

  @Test
  void theMixContainsEveryChannel() {
    SampleTraffic traffic = new SampleTraffic(REVIEWS, 7, CLOCK);
    List<String> topics = IntStream.range(0, 400).mapToObj(i -> traffic.next().topic()).toList();

    for (SampleChannel channel : SampleChannel.values()) {
      assertThat(topics).filteredOn(channel.defaultTopic()::equals).hasSizeGreaterThan(40);
    }
  }

  @Test
  void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
    List<String> first = describe(new SampleTraffic(REVIEWS, 99, CLOCK), 200);
    List<String> again = describe(new SampleTraffic(REVIEWS, 99, CLOCK), 200);
    List<String> other = describe(new SampleTraffic(REVIEWS, 100, CLOCK), 200);

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void sendsToTheConfiguredTopics() {
    SampleTraffic traffic = new SampleTraffic(REVIEWS, 1, CLOCK, Map.of(SampleChannel.CHAT, "acme.chat"));

    assertThat(traffic.next(SampleChannel.CHAT).topic()).isEqualTo("acme.chat");
    assertThat(traffic.next(SampleChannel.EMAIL).topic()).isEqualTo("feedback.raw.email");
  }

  private static List<String> describe(SampleTraffic traffic, int count) {
    return IntStream.range(0, count).mapToObj(i -> traffic.next()).map(record -> record.topic() + "|"
        + new String(record.key(), StandardCharsets.UTF_8) + "|" + new String(record.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static void assertEventTime(JsonNode value, String field) {
    JsonNode time = value.get(field);
    if (time.isNumber()) {
      assertThat(time.asLong()).isEqualTo(NOW.toEpochMilli());
    } else {
      assertThat(Instant.parse(time.asText())).isEqualTo(NOW);
    }
  }
}
