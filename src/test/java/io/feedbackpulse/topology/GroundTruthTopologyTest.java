package io.feedbackpulse.topology;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.FeedbackLabel;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.ReviewItem;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.quality.GroundTruthTopology;
import io.feedbackpulse.streams.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ground truth: labels joined with scored items whichever comes first, once per item, the newest label winning
 * and a relabel correcting the figures; labels for ids never scored expire; app ratings label their reviews; bad
 * labels are dead letters. The tiny RoBERTa model is the oracle for what the model predicted, and the figures
 * are worked out by hand from those predictions.
 */
class GroundTruthTopologyTest {
  private static final Instant T0 = TopologyFixture.T0;
  private static final String LABELS = "feedback.labels";

  private TopologyFixture f;
  private TestOutputTopic<String, LabelledFeedback> labelled;
  private TestOutputTopic<String, ModelQuality> quality;
  private TestOutputTopic<String, DriftEvent> drift;
  private TestOutputTopic<String, ReviewItem> review;
  private final Map<String, ModelQuality> published = new HashMap<>();

  private void start(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of("quality.label-delay", "P7D", "quality.window", "P1D"));
    settings.putAll(overrides);
    f = new TopologyFixture(settings);
    TopicNames t = f.pipeline.topics();
    labelled = f.driver.createOutputTopic(t.labelled(), new StringDeserializer(),
        f.avro.specific(LabelledFeedback.class, false).deserializer());
    quality = f.driver.createOutputTopic(t.quality(), new StringDeserializer(),
        f.avro.specific(ModelQuality.class, false).deserializer());
    drift = f.driver.createOutputTopic(t.drift(), new StringDeserializer(),
        f.avro.specific(DriftEvent.class, false).deserializer());
    review = f.driver.createOutputTopic(t.review(), new StringDeserializer(),
        f.avro.specific(ReviewItem.class, false).deserializer());
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aLabelJoinsItsItemWhetherItArrivesBeforeOrAfter() {
    start(Map.of());
    chat("m-1", "Where is my parcel?", T0);
    label("chat:m-1", 1, "agent", "ana", T0.plusSeconds(60), T0.plusSeconds(60));
    label("chat:m-2", -1, "agent", "ana", T0.plusSeconds(90), T0.plusSeconds(90));
    chat("m-2", "Fits perfectly, love the colour", T0.plusSeconds(120));

    List<KeyValue<String, LabelledFeedback>> joined = labelled.readKeyValuesToList();
    assertThat(joined).extracting(kv -> kv.key).containsExactly("chat:m-1", "chat:m-2");
    LabelledFeedback first = joined.get(0).value;
    assertThat(first.getLabel()).isEqualTo(1);
    assertThat(first.getSource()).isEqualTo("agent");
    assertThat(first.getLabeler()).isEqualTo("ana");
    assertThat(first.getText()).isEqualTo("Where is my parcel?");
    assertThat(first.getModelLabel()).isEqualTo(f.oracle("Where is my parcel?").label().value());
    assertThat(first.getModel().getId()).isEqualTo(f.pipeline.model().lineage().id());
    assertThat(joined.get(1).value.getLabel()).isEqualTo(-1);

    ModelQuality chat = latest("chat");
    assertThat(chat.getLabelled()).isEqualTo(2);
    assertThat(chat.getScored()).isEqualTo(2);
    assertThat(latest("all").getLabelled()).isEqualTo(2);
    assertThat(f.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void figuresAreTheHandWorkedOnesAndARelabelCorrectsThemInsteadOfDoublingThem() {
    start(Map.of());
    String[] texts = {"Where is my parcel?", "Fits perfectly, love the colour", "meh", "The zipper broke"};
    Prediction[] predicted = new Prediction[texts.length];
    for (int i = 0; i < texts.length; i++) {
      chat("m-" + i, texts[i], T0.plusSeconds(i));
      predicted[i] = f.oracle(texts[i]);
    }
    // items 0 and 1 labelled as the model said; items 2 and 3 with a label it did not give
    for (int i = 0; i < texts.length; i++) {
      int truth = i < 2 ? predicted[i].label().value() : other(predicted[i].label().value());
      label("chat:m-" + i, truth, "agent", "ana", T0.plusSeconds(100 + i), T0.plusSeconds(100 + i));
    }
    ModelQuality before = latest("chat");
    assertThat(before.getLabelled()).isEqualTo(4);
    assertThat(before.getAccuracy()).isEqualTo(0.5);
    assertThat(sum(before.getConfusion())).isEqualTo(4);

    // item 2 relabelled, later, as the model said: 3 of 4 right, still 4 items
    label("chat:m-2", predicted[2].label().value(), "review_queue", "bo", T0.plusSeconds(200), T0.plusSeconds(200));
    ModelQuality after = latest("chat");
    assertThat(after.getLabelled()).isEqualTo(4);
    assertThat(after.getAccuracy()).isEqualTo(0.75);
    // an older label that arrives late changes nothing
    label("chat:m-2", other(predicted[2].label().value()), "agent", "cy", T0.plusSeconds(150), T0.plusSeconds(210));
    assertThat(quality.isEmpty()).isTrue();

    // the confusion matrix, cell by cell, from the oracle's predictions and the labels given
    long[][] expected = new long[3][3];
    for (int i = 0; i < texts.length; i++) {
      int p = predicted[i].label().value();
      int truth = i == 3 ? other(p) : p;
      expected[truth + 1][p + 1]++;
    }
    assertThat(after.getConfusion()).isEqualTo(List.of(row(expected[0]), row(expected[1]), row(expected[2])));
    // estimated accuracy (CBPE): the mean probability of the predicted class over the items scored
    double meanConfidence = 0;
    for (Prediction p : predicted) {
      meanConfidence += p.confidence() / predicted.length;
    }
    assertThat(after.getEstimatedAccuracy()).isCloseTo(meanConfidence, within(1e-9));
    assertThat(after.getScored()).isEqualTo(4);
    assertThat(after.getWindowStart()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(after.getWindowEnd()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
    // the last labelled record of m-2 is the relabel
    Map<String, LabelledFeedback> latestById = labelled.readKeyValuesToMap();
    assertThat(latestById.get("chat:m-2").getSource()).isEqualTo("review_queue");
  }

  @Test
  void aLabelsReasonIsKeptAsGivenAndAFramedAvroLabelCarriesOneToo() {
    start(Map.of());
    chat("m-1", "Where is my parcel?", T0);
    chat("m-2", "The zipper broke", T0);
    chat("m-3", "meh", T0);
    rawLabel("chat:m-1", "{\"id\":\"chat:m-1\",\"label\":-1,\"source\":\"agent\",\"reason\":\"delivery\"}");
    rawLabel("chat:m-2", "{\"id\":\"chat:m-2\",\"label\":-1,\"source\":\"agent\",\"reason\":\"zippers\"}");
    rawLabel("chat:m-3", "{\"id\":\"chat:m-3\",\"label\":0,\"source\":\"agent\",\"reason\":\" \"}");
    f.input(LABELS).pipeInput("chat:m-2".getBytes(StandardCharsets.UTF_8), f.avroBytes(LABELS, FeedbackLabel
        .newBuilder().setId("chat:m-2").setLabel(-1).setSource("review_queue").setLabeler(null).setLabeledAt(null)
        .setReason("product_quality").build()), T0.plusSeconds(5));
    rawLabel("chat:m-1", "{\"id\":\"chat:m-1\",\"label\":-1,\"source\":\"agent\",\"reason\":3}");

    List<LabelledFeedback> joined = labelled.readValuesToList();
    assertThat(joined).extracting(LabelledFeedback::getId).containsExactly("chat:m-1", "chat:m-2", "chat:m-3",
        "chat:m-2");
    assertThat(joined).extracting(LabelledFeedback::getReason).containsExactly("delivery", "zippers", null,
        "product_quality");
    assertThat(f.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("wrong_field_type");
  }

  @Test
  void aLabelDatedFarAheadCountsAtItsRecordTimeSoItHidesNoWindowAndACorrectionDatedTodayCounts() {
    start(Map.of());
    String[] texts = {"Where is my parcel?", "Fits perfectly, love the colour", "meh", "The zipper broke"};
    int[] predicted = new int[texts.length];
    for (int i = 0; i < texts.length; i++) {
      chat("m-" + i, texts[i], T0.plusSeconds(i));
      predicted[i] = f.oracle(texts[i]).label().value();
    }
    for (int i = 0; i < texts.length; i++) {
      label("chat:m-" + i, i < 2 ? predicted[i] : other(predicted[i]), "agent", "ana", T0.plusSeconds(100 + i),
          T0.plusSeconds(100 + i));
    }
    assertThat(latest("chat").getAccuracy()).isEqualTo(0.5);
    labelled.readValuesToList();

    // m-2 labelled as the model said, dated 2099: it counts at its record time, in today's window
    label("chat:m-2", predicted[2], "agent", "dee", Instant.parse("2099-01-01T00:00:00Z"), T0.plusSeconds(200));
    ModelQuality afterFuture = latest("chat");
    assertThat(afterFuture.getWindowStart()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(afterFuture.getLabelled()).isEqualTo(4);
    assertThat(afterFuture.getAccuracy()).isEqualTo(0.75);
    LabelledFeedback future = labelled.readValue();
    assertThat(future.getLabeledAt()).isEqualTo(T0.plusSeconds(200));
    assertThat(future.getLabeledAtSource()).isEqualTo("record_timestamp_payload_out_of_range");

    // a correcting label dated today outranks it
    label("chat:m-2", other(predicted[2]), "review_queue", "bo", T0.plusSeconds(300), T0.plusSeconds(300));
    ModelQuality corrected = latest("chat");
    assertThat(corrected.getWindowStart()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
    assertThat(corrected.getLabelled()).isEqualTo(4);
    assertThat(corrected.getAccuracy()).isEqualTo(0.5);
    LabelledFeedback correction = labelled.readValue();
    assertThat(correction.getSource()).isEqualTo("review_queue");
    assertThat(correction.getLabeledAtSource()).isEqualTo("payload");
    assertThat(qualityWindowStarts()).as("no quality window beyond today").isNotEmpty()
        .allSatisfy(start -> assertThat(start).isBefore(T0.plus(Duration.ofDays(1))));
  }

  @Test
  void aLabelDatedBeforeItsItemWasWrittenCountsAtItsRecordTimeWhicheverArrivesFirst() {
    start(Map.of());
    label("chat:m-1", 1, "agent", "ana", Instant.parse("2020-01-01T00:00:00Z"), T0.plusSeconds(10));
    chat("m-1", "Where is my parcel?", T0.plusSeconds(20));
    chat("m-2", "The zipper broke", T0);
    // written at T0: a label of it dated up to time.max-future-skew (5 minutes) earlier counts, one older not
    label("chat:m-2", 1, "agent", "ana", T0.minus(Duration.ofMinutes(4)), T0.plusSeconds(30));
    label("chat:m-2", 0, "agent", "ana", T0.minus(Duration.ofMinutes(6)), T0.plusSeconds(31));

    List<LabelledFeedback> joined = labelled.readValuesToList();
    assertThat(joined).extracting(LabelledFeedback::getLabeledAt)
        .containsExactly(T0.plusSeconds(10), T0.minus(Duration.ofMinutes(4)), T0.plusSeconds(31));
    assertThat(joined).extracting(LabelledFeedback::getLabeledAtSource).containsExactly(
        "record_timestamp_payload_out_of_range", "payload", "record_timestamp_payload_out_of_range");
    assertThat(qualityWindowStarts()).containsOnly(Instant.parse("2026-11-29T00:00:00Z"));
  }

  @Test
  void aLabelWithoutATimeCountsAtItsRecordTimeAndOneWhoseRecordTimeIsAheadOfTheClockAtTheClock() {
    start(Map.of());
    chat("m-1", "Where is my parcel?", T0);
    f.input(LABELS).pipeInput("chat:m-1".getBytes(StandardCharsets.UTF_8),
        "{\"id\":\"chat:m-1\",\"label\":1,\"source\":\"agent\"}".getBytes(StandardCharsets.UTF_8),
        T0.plusSeconds(5));
    Instant clock = T0.plusSeconds(5).plus(f.settings.duration("batch.max-wait"));
    // piped without bringing the wall clock up to the record's time, as a producer whose clock is half an hour
    // ahead sends it (not further: the driver runs every sub-topology in one task, so the labels' record timestamps
    // would move the join's stream time too, which reads only the repartitioned labels on a broker)
    f.driver.createInputTopic(LABELS, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(
        "chat:m-1".getBytes(StandardCharsets.UTF_8),
        "{\"id\":\"chat:m-1\",\"label\":0,\"source\":\"agent\",\"labeledAt\":\"2099-01-01T00:00:00Z\"}"
            .getBytes(StandardCharsets.UTF_8), clock.plus(Duration.ofMinutes(30)));

    List<LabelledFeedback> joined = labelled.readValuesToList();
    assertThat(joined).extracting(LabelledFeedback::getLabeledAtSource)
        .containsExactly("record_timestamp", "wall_clock");
    assertThat(joined.get(0).getLabeledAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(joined.get(1).getLabeledAt()).isEqualTo(clock);
    assertThat(qualityWindowStarts()).containsOnly(Instant.parse("2026-11-29T00:00:00Z"));
  }

  @Test
  void aLabelForAnIdNotYetScoredWaitsForItsItemWithinTheDelayThenExpires() {
    start(Map.of("quality.label-delay", "P2D"));
    label("chat:m-late", 0, "agent", "ana", T0, T0);
    label("chat:m-never", 0, "agent", "ana", T0, T0);
    chat("m-late", "Where is my parcel?", T0.plus(Duration.ofDays(1)));
    assertThat(labelled.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("chat:m-late");

    chat("m-other", "meh", T0.plus(Duration.ofDays(3)));
    chat("m-never", "The zipper broke", T0.plus(Duration.ofDays(3)).plusSeconds(1));
    assertThat(labelled.isEmpty()).as("the label for m-never waited longer than quality.label-delay").isTrue();
  }

  @Test
  void aFramedAvroLabelCountsAsAJsonOneAndAnotherRecordTypeIsAWrongSchema() {
    start(Map.of());
    chat("m-1", "Where is my parcel?", T0);
    f.input(LABELS).pipeInput("chat:m-1".getBytes(StandardCharsets.UTF_8), f.avroBytes(LABELS, FeedbackLabel
        .newBuilder().setId("chat:m-1").setLabel(-1).setSource("agent").setLabeler(null).setLabeledAt(null).build()),
        T0.plusSeconds(5));
    f.input(LABELS).pipeInput("chat:m-1".getBytes(StandardCharsets.UTF_8), f.avroBytes(LABELS,
        ChatFeedback.newBuilder().setMessageId("m-1").setText("hi").build()), T0.plusSeconds(6));

    LabelledFeedback joined = labelled.readValue();
    assertThat(joined.getLabel()).isEqualTo(-1);
    assertThat(joined.getLabeler()).isNull();
    assertThat(joined.getLabeledAt()).as("the record timestamp").isEqualTo(T0.plusSeconds(5));
    assertThat(f.deadLetters.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("wrong_schema");
  }

  @Test
  void anAppReviewWithARatingIsLabelledByItsAuthor() {
    start(Map.of());
    f.json("feedback.raw.app", "r-1", "{\"reviewId\":\"r-1\",\"text\":\"The zipper broke\",\"rating\":2}", T0);
    f.json("feedback.raw.app", "r-2", "{\"reviewId\":\"r-2\",\"text\":\"It is fine\",\"rating\":3}", T0);
    f.json("feedback.raw.app", "r-3", "{\"reviewId\":\"r-3\",\"text\":\"Love it\",\"rating\":5}", T0);
    f.json("feedback.raw.app", "r-4", "{\"reviewId\":\"r-4\",\"text\":\"No stars\"}", T0);

    Map<String, LabelledFeedback> byId = labelled.readKeyValuesToMap();
    assertThat(byId).containsOnlyKeys("app:r-1", "app:r-2", "app:r-3");
    assertThat(byId.get("app:r-1").getLabel()).isEqualTo(-1);
    assertThat(byId.get("app:r-2").getLabel()).isEqualTo(0);
    assertThat(byId.get("app:r-3").getLabel()).isEqualTo(1);
    assertThat(byId.values()).allSatisfy(l -> assertThat(l.getSource()).isEqualTo("customer_rating"));
    assertThat(latest("app").getLabelled()).isEqualTo(3);
  }

  @Test
  void ratingsLabelNothingWhenTurnedOff() {
    start(Map.of("labels.from-ratings", "false"));
    f.json("feedback.raw.app", "r-1", "{\"reviewId\":\"r-1\",\"text\":\"The zipper broke\",\"rating\":2}", T0);
    assertThat(labelled.isEmpty()).isTrue();
  }

  @Test
  void badLabelsAreDeadLettersWithTheirReason() {
    start(Map.of());
    rawLabel("chat:m-1", "{\"id\":\"chat:m-1\",\"label\":2,\"source\":\"agent\"}");
    rawLabel("chat:m-1", "{\"id\":\"chat:m-1\",\"label\":\"positive\",\"source\":\"agent\"}");
    rawLabel("chat:m-1", "{\"id\":\"chat:m-1\",\"source\":\"agent\"}");
    rawLabel("fax:m-1", "{\"id\":\"fax:m-1\",\"label\":1,\"source\":\"agent\"}");
    rawLabel("chat:m-2", "{\"id\":\"chat:m-1\",\"label\":1,\"source\":\"agent\"}");
    rawLabel("chat:m-1", "{not json");
    rawLabel("chat:m-1", null);

    List<DeadLetter> dead = f.deadLetters.readValuesToList();
    assertThat(dead).extracting(DeadLetter::getReason).containsExactly("invalid_label", "wrong_field_type",
        "missing_field", "invalid_label_id", "invalid_label_id", "invalid_json", "null_value");
    assertThat(dead).allSatisfy(d -> assertThat(d.getSourceTopic()).isEqualTo(LABELS));
    assertThat(labelled.isEmpty()).isTrue();
  }

  @Test
  void withoutATestFigureThereIsNothingToFallBelow() {
    start(Map.of("quality.min-labelled", "1"));
    chat("m-1", "meh", T0);
    label("chat:m-1", other(f.oracle("meh").label().value()), "agent", "ana", T0, T0);
    assertThat(latest("chat").getBaselineMacroF1()).isNull();
    assertThat(drift.readValuesToList()).noneMatch(e -> e.getKind().equals("quality"));
  }

  @Test
  void aWindowWhoseMacroF1FallsBelowTheTestFigureRaisesOneQualityEvent(@TempDir Path dir) throws IOException {
    // the tiny model with a baseline.json that says it scored macro-F1 0.9 on its test split
    for (Path file : Files.list(TINY_ROBERTA).toList()) {
      Files.copy(file, dir.resolve(file.getFileName()));
    }
    Files.writeString(dir.resolve("baseline.json"), "{\"shares\": {\"negative\": 0.2, \"neutral\": 0.3, "
        + "\"positive\": 0.5}, \"count\": 10, \"source\": \"test\", \"test\": {\"macro_f1\": 0.9}}");
    start(Map.of("model.dir", dir.toString(), "quality.min-labelled", "3", "quality.max-drop", "0.1"));
    String[] texts = {"Where is my parcel?", "Fits perfectly, love the colour", "meh", "The zipper broke"};
    for (int i = 0; i < texts.length; i++) {
      chat("m-" + i, texts[i], T0.plusSeconds(i));
    }
    // two labels, both wrong: macro-F1 0, but fewer than quality.min-labelled
    label("chat:m-0", other(f.oracle(texts[0]).label().value()), "agent", "ana", T0.plusSeconds(10), T0.plusSeconds(10));
    label("chat:m-1", other(f.oracle(texts[1]).label().value()), "agent", "ana", T0.plusSeconds(11), T0.plusSeconds(11));
    assertThat(drift.isEmpty()).isTrue();
    assertThat(latest("chat").getBaselineMacroF1()).isEqualTo(0.9);
    // the third wrong label: 3 labelled, macro-F1 0 < 0.9 - 0.1; one event per channel ("chat" and "all")
    label("chat:m-2", other(f.oracle(texts[2]).label().value()), "agent", "ana", T0.plusSeconds(12), T0.plusSeconds(12));
    label("chat:m-3", other(f.oracle(texts[3]).label().value()), "agent", "ana", T0.plusSeconds(13), T0.plusSeconds(13));
    List<KeyValue<String, DriftEvent>> events = drift.readKeyValuesToList();
    assertThat(events).extracting(kv -> kv.key).containsExactlyInAnyOrder("chat", "all");
    DriftEvent event = events.get(0).value;
    assertThat(event.getKind()).isEqualTo("quality");
    assertThat(event.getStatistic()).isEqualTo("macro-f1");
    assertThat(event.getValue()).isEqualTo(0.0);
    assertThat(event.getThreshold()).isCloseTo(0.8, within(1e-12));
    assertThat(event.getTotal()).isEqualTo(3);
  }

  @Test
  void lowConfidenceItemsGoToTheReviewQueueAtMostSoManyPerChannelAndMinute() {
    start(Map.of("review.max-confidence", "1.0", "review.max-per-minute", "2"));
    chat("m-1", "Call me at +1 415 555 0100 about it", T0);
    chat("m-2", "meh", T0.plusSeconds(10));
    chat("m-3", "The zipper broke", T0.plusSeconds(20));
    f.json("feedback.raw.app", "r-1", "{\"reviewId\":\"r-1\",\"text\":\"Love it\"}", T0.plusSeconds(30));
    chat("m-4", "Where is my parcel?", T0.plusSeconds(61));

    List<KeyValue<String, ReviewItem>> items = review.readKeyValuesToList();
    assertThat(items).extracting(kv -> kv.key).containsExactly("chat:m-1", "chat:m-2", "app:r-1", "chat:m-4");
    ReviewItem first = items.get(0).value;
    assertThat(first.getText()).doesNotContain("555").contains("Call me at");
    assertThat(first.getReason()).isEqualTo("low_confidence");
    assertThat(first.getConfidence()).isEqualTo(f.oracle("Call me at +1 415 555 0100 about it").confidence());
  }

  @Test
  void aReviewItemCarriesNoReasonsTheyAreGivenAfterScoringOnTheWayToTheAlert() {
    start(Map.of("review.max-confidence", "1.0", "alerts.negative-threshold", "0.0"));
    String parcel = "My parcel never arrived and nobody tells me where it is";
    chat("m-1", parcel, T0);

    assertThat(f.oracle(parcel).label()).isEqualTo(Sentiment.NEGATIVE);
    assertThat(review.readKeyValuesToMap().get("chat:m-1").getReasons()).isEmpty();
    assertThat(f.alerts.readKeyValuesToMap().get("chat:m-1").getReasons().get(0).getName()).isEqualTo("delivery");
  }

  /** The start of every window in the model-quality store, of every channel and model. */
  private List<Instant> qualityWindowStarts() {
    List<Instant> starts = new ArrayList<>();
    try (KeyValueIterator<Windowed<Object>, Object> all = f.driver.getWindowStore(
        GroundTruthTopology.MODEL_QUALITY_STORE).all()) {
      all.forEachRemaining(kv -> starts.add(kv.key.window().startTime()));
    }
    return starts;
  }

  /** The latest figures published for the channel, over what earlier calls read too. */
  private ModelQuality latest(String channel) {
    quality.readKeyValuesToList().forEach(kv -> published.put(kv.key, kv.value));
    assertThat(published).containsKey(channel);
    return published.get(channel);
  }

  private void chat(String id, String text, Instant at) {
    f.json("feedback.raw.chat", id, "{\"messageId\":\"" + id + "\",\"text\":\"" + text + "\"}", at);
  }

  private void label(String id, int label, String source, String labeler, Instant labeledAt, Instant recordTime) {
    f.json(LABELS, id, "{\"id\":\"" + id + "\",\"label\":" + label + ",\"source\":\"" + source
        + "\",\"labeler\":\"" + labeler + "\",\"labeledAt\":\"" + labeledAt + "\"}", recordTime);
  }

  private void rawLabel(String key, String json) {
    f.input(LABELS).pipeInput(key.getBytes(StandardCharsets.UTF_8),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8), T0);
  }

  private static int other(int label) {
    return label == 1 ? -1 : label + 1;
  }

  private static long sum(List<List<Long>> m) {
    return m.stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
  }

  private static List<Long> row(long[] r) {
    return List.of(r[0], r[1], r[2]);
  }
}
