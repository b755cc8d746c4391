package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.BiasFacet;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.inference.Sentiment;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drift and bias events from closed label windows. The tiny model has no baseline.json, so the
 * reference is uniform; traffic is built from texts whose label the model itself tells.
 */
class DriftTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final Duration WINDOW = Duration.ofMinutes(5);
  private static final List<String> CANDIDATES = List.of("wrong size", "I love it", "terrible quality, returned it",
      "no", "nice dress", "The zipper broke the first day", "ok", "great");

  private TopologyFixture f;
  private TestOutputTopic<String, DriftEvent> drift;
  private Map<Sentiment, String> textOf;
  private int sequence;

  private void start(Map<String, String> overrides) {
    f = new TopologyFixture(overrides);
    drift = f.driver.createOutputTopic(f.pipeline.topics().drift(), new StringDeserializer(),
        f.avro.specific(DriftEvent.class, false).deserializer());
    textOf = new EnumMap<>(Sentiment.class);
    for (String text : CANDIDATES) {
      textOf.putIfAbsent(f.oracle(text).label(), text);
    }
    assertThat(textOf).as("the tiny model gives every label to one of the candidate texts")
        .containsOnlyKeys(Sentiment.values());
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aShiftOfTheNegativeShareOnOneChannelRaisesDriftForThatChannelOnly() {
    start(Map.of("drift.reference", "baseline", "drift.min-items", "12", "windows.size", "PT5M",
        "windows.grace", "PT30S"));
    // window 0: every channel matches the uniform reference
    for (String channel : List.of("email", "chat", "app", "social")) {
      steady(channel, 0);
    }
    // window 1: chat turns negative, the others stay as they were
    for (String channel : List.of("email", "app", "social")) {
      steady(channel, 1);
    }
    for (int i = 0; i < 12; i++) {
      send("chat", Sentiment.NEGATIVE, null, at(1, i));
    }
    send("email", Sentiment.NEUTRAL, null, T0.plus(WINDOW.multipliedBy(2)).plusSeconds(31));

    Map<String, List<LabelDistribution>> distributions = f.distributions.readValuesToList().stream()
        .collect(Collectors.groupingBy(LabelDistribution::getChannel));
    assertThat(distributions).containsOnlyKeys("email", "chat", "app", "social", "all");
    assertThat(distributions.get("chat")).hasSize(2);
    LabelDistribution chatShifted = distributions.get("chat").get(1);
    assertThat(chatShifted.getDrift().getReference()).isEqualTo("uniform");
    // the window before, read back from the trailing-reference store, is the confidence reference
    assertThat(chatShifted.getDrift().getConfidenceReference()).isEqualTo("trailing:PT24H");
    assertThat(chatShifted.getDrift().getReferenceMeanConfidence())
        .isCloseTo(distributions.get("chat").get(0).getMeanConfidence(), within(1e-9));

    List<KeyValue<String, DriftEvent>> events = drift.readKeyValuesToList();
    // nothing about the steady window 0, nor about the channels that stayed steady
    assertThat(events).allSatisfy(e -> {
      assertThat(e.key).isIn("chat", "all");
      assertThat(e.value.getWindowStart()).isEqualTo(T0.plus(WINDOW));
    });
    List<DriftEvent> chat = events.stream().filter(e -> e.key.equals("chat")).map(e -> e.value).toList();
    assertThat(chat).extracting(DriftEvent::getStatistic)
        .contains("jensen-shannon-distance", "chi-square-p-value", "psi");
    assertThat(chat).allSatisfy(e -> {
      assertThat(e.getChannel()).isEqualTo("chat");
      assertThat(e.getWindowStart()).isEqualTo(T0.plus(WINDOW));
      assertThat(e.getTotal()).isEqualTo(12);
    });
    DriftEvent chiSquare = chat.stream().filter(e -> e.getStatistic().equals("chi-square-p-value")).findFirst()
        .orElseThrow();
    // Bonferroni: alpha 0.05 over four channels and "all"
    assertThat(chiSquare.getThreshold()).isCloseTo(0.01, within(1e-12));
    assertThat(chiSquare.getCurrentShares().getNegative()).isEqualTo(1.0);
    assertThat(chiSquare.getReferenceShares().getNegative()).isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void oneCategoryWithAMuchHigherNegativeShareRaisesABiasEvent() {
    start(Map.of("bias.min-items", "12", "drift.min-items", "1000"));
    for (int i = 0; i < 12; i++) {
      send("app", Sentiment.NEGATIVE, "Dresses", at(0, i));
    }
    for (int i = 0; i < 36; i++) {
      send("app", Sentiment.values()[i % 3], "Tops", at(0, 12 + i));
      send("app", Sentiment.values()[i % 3], "Knits", at(0, 48 + i));
    }
    send("app", Sentiment.NEUTRAL, null, T0.plus(WINDOW).plusSeconds(31));

    LabelDistribution all = f.distributions.readValuesToList().stream().filter(d -> d.getChannel().equals("all"))
        .findFirst().orElseThrow();
    Map<String, BiasFacet> facets = all.getBias().stream().collect(Collectors.toMap(BiasFacet::getValue, b -> b));
    assertThat(facets).containsOnlyKeys("Dresses", "Tops", "Knits");
    // Dresses 12/12 negative against 24/72; Tops 12/36 against 24/48
    assertThat(facets.get("Dresses").getDppl()).isCloseTo(1 - 24 / 72.0, within(1e-9));
    assertThat(facets.get("Tops").getDppl()).isCloseTo(12 / 36.0 - 24 / 48.0, within(1e-9));

    List<KeyValue<String, DriftEvent>> events = drift.readKeyValuesToList();
    assertThat(events).hasSize(1);
    DriftEvent bias = events.get(0).value;
    assertThat(events.get(0).key).isEqualTo("all");
    assertThat(bias.getKind()).isEqualTo("bias");
    assertThat(bias.getFacet()).isEqualTo("category");
    assertThat(bias.getFacetValue()).isEqualTo("Dresses");
    assertThat(bias.getCurrentValue()).isEqualTo(1.0);
    assertThat(bias.getThreshold()).isEqualTo(0.2);
  }

  /**
   * Reasons from the real bge encoder and the shipped taxonomy (each text's one reason checked in
   * FeedbackTopologyTest's way); every item alerts, so the label shares never move against the trailing windows.
   */
  @Test
  void aReasonWhoseShareOfAChannelsAlertsJumpsRaisesOneReasonEvent() {
    start(Map.of("drift.min-items", "24", "windows.size", "PT5M", "windows.grace", "PT30S",
        "alerts.negative-threshold", "0.0", "reasons.top", "1"));
    String delivery = "The parcel is late again";
    String quality = "The zipper broke";
    String login = "I cannot log in to my account";
    // windows 0 and 1: a third each; window 2: delivery 18 of 24, the others 3 each
    for (int window = 0; window < 2; window++) {
      for (int i = 0; i < 24; i++) {
        sendChat(List.of(delivery, quality, login).get(i % 3), at(window, i));
      }
    }
    for (int i = 0; i < 24; i++) {
      sendChat(i < 18 ? delivery : i < 21 ? quality : login, at(2, i));
    }
    sendChat("fine", T0.plus(WINDOW.multipliedBy(3)).plusSeconds(31));

    List<LabelDistribution> chatWindows = f.distributions.readValuesToList().stream()
        .filter(d -> d.getChannel().equals("chat")).toList();
    assertThat(chatWindows).extracting(LabelDistribution::getReasons).containsExactly(
        Map.of("delivery", 8L, "product_quality", 8L, "account_and_login", 8L),
        Map.of("delivery", 8L, "product_quality", 8L, "account_and_login", 8L),
        Map.of("delivery", 18L, "product_quality", 3L, "account_and_login", 3L));
    List<KeyValue<String, DriftEvent>> reasonEvents = drift.readKeyValuesToList().stream()
        .filter(e -> e.value.getKind().equals("reason")).toList();
    // chat is the only channel with traffic, so "all" sees the same move; product_quality's fall (1/3 to 1/8) is
    // beyond the threshold but, over 24 alerts, not significant
    assertThat(reasonEvents).extracting(e -> e.key).containsExactlyInAnyOrder("chat", "all");
    DriftEvent chat = reasonEvents.stream().filter(e -> e.key.equals("chat")).findFirst().orElseThrow().value;
    assertThat(chat.getStatistic()).isEqualTo("reason-share");
    assertThat(chat.getFacet()).isEqualTo("reason");
    assertThat(chat.getFacetValue()).isEqualTo("delivery");
    assertThat(chat.getWindowStart()).isEqualTo(T0.plus(WINDOW.multipliedBy(2)));
    assertThat(chat.getReference()).isEqualTo("trailing:PT24H");
    assertThat(chat.getReferenceValue()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(chat.getCurrentValue()).isCloseTo(0.75, within(1e-9));
    assertThat(chat.getValue()).isCloseTo(0.75 - 1 / 3.0, within(1e-9));
    assertThat(chat.getThreshold()).isEqualTo(0.1);
  }

  @Test
  void theTrailingReferenceStoreAndDriftSinkAreNamed() {
    start(Map.of());
    assertThat(f.pipeline.topology().describe().toString())
        .contains("drift-against-reference", "trailing-reference", "drift-events", "write-sentiment.drift");
  }

  /** Four items of each label, spread over the window. */
  private void steady(String channel, int window) {
    for (int i = 0; i < 12; i++) {
      send(channel, Sentiment.values()[i % 3], null, at(window, i));
    }
  }

  private static Instant at(int window, int item) {
    return T0.plus(WINDOW.multipliedBy(window)).plusSeconds(2L * item);
  }

  private void sendChat(String text, Instant at) {
    String id = "x-" + sequence++;
    f.json("feedback.raw.chat", id, "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\",\"sentAt\":\"" + at
        + "\"}", at);
  }

  private void send(String channel, Sentiment label, String category, Instant at) {
    String id = "x-" + sequence++;
    String text = textOf.get(label);
    String json = switch (channel) {
      case "email" -> "{\"messageId\":\"" + id + "\",\"body\":\"" + text + "\",\"receivedAt\":\"" + at + "\"}";
      case "chat" -> "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\",\"sentAt\":\"" + at + "\"}";
      case "app" -> "{\"reviewId\":\"" + id + "\",\"text\":\"" + text + "\",\"submittedAt\":\"" + at + "\""
          + (category == null ? "" : ",\"productCategory\":\"" + category + "\"") + "}";
      case "social" -> "{\"postId\":\"" + id + "\",\"text\":\"" + text + "\",\"postedAt\":\"" + at + "\"}";
      default -> throw new IllegalArgumentException(channel);
    };
    f.json("feedback.raw." + channel, id, json, at);
  }
}
