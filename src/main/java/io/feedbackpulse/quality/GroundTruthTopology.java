package io.feedbackpulse.quality;

import io.feedbackpulse.alert.TextMasking;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.ingest.EventTimePolicy;
import io.feedbackpulse.ingest.LabelReader;
import io.feedbackpulse.streams.DeadLetterLog;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.JsonSerde;
import io.feedbackpulse.streams.Outcome;
import io.feedbackpulse.streams.OutputSerdes;
import io.feedbackpulse.streams.ScoredWithComparison;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopologyExtension;
import io.feedbackpulse.streams.TopologyObserver;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Ground truth, attached to the scored items:
 *
 * <pre>
 * feedback.labels -> read label ------------------------> by feedback id --+-> join (ground-truth store) -> feedback.labelled
 *        (bad ones -> feedback.dead-letter)                                |        | quality changes
 * scored items (+ labels from app ratings) ---------> by feedback id -----+        +-> by channel and "all" -> model-quality store
 *                                                                                        -> model.quality (+ quality events -> sentiment.drift)
 * scored items where champion and challenger disagree (review.disagreements), or else below review.max-confidence
 *   -> by channel -> at most review.max-per-minute -> feedback.review
 * </pre>
 *
 * <p>Items and labels each cross a repartition topic of their own, both with {@code topics.partitions} partitions
 * and keyed by feedback id, so an item and its labels meet in one task whatever the partitions of the labels topic
 * and of the channel topics; the join then runs in a sub-topology of its own and never adds the labels topic to the
 * tasks that score. The cost is one more write and read of a small summary per scored item, no model call.
 */
public final class GroundTruthTopology implements TopologyExtension {
  public static final String GROUND_TRUTH_STORE = "ground-truth";
  public static final String MODEL_QUALITY_STORE = "model-quality";
  public static final String REVIEW_RATE_STORE = "review-rate";
  private static final String ITEMS_BY_FEEDBACK_ID = "scored-items-by-feedback-id";
  private static final String LABELS_BY_FEEDBACK_ID = "labels-by-feedback-id";
  private static final String QUALITY_BY_CHANNEL = "quality-by-channel";
  private static final String REVIEW_BY_CHANNEL = "review-by-channel";

  private final TopicNames topics;
  private final GroundTruthOptions options;
  private final QualityThresholds thresholds;
  private final LabelReader reader;
  private final LabelTimes labelTimes;
  private final UnaryOperator<String> labelledText;
  private final UnaryOperator<String> reviewText;
  private final DeadLetters deadLetters;
  private final OutputSerdes serdes;
  private final QualitySerdes qualitySerdes;
  private final DeadLetterLog deadLetterLog = new DeadLetterLog();

  public GroundTruthTopology(TopicNames topics, GroundTruthOptions options, QualityThresholds thresholds,
      LabelReader reader, EventTimePolicy eventTimes, TextMasking masking, DeadLetters deadLetters,
      OutputSerdes serdes, QualitySerdes qualitySerdes) {
    this.topics = topics;
    this.options = options;
    this.thresholds = thresholds;
    this.reader = reader;
    this.labelTimes = new LabelTimes(eventTimes);
    this.labelledText = masking.text("topic.labelled");
    this.reviewText = masking.text("topic.review");
    this.deadLetters = deadLetters;
    this.serdes = serdes;
    this.qualitySerdes = qualitySerdes;
  }

  public GroundTruthOptions options() {
    return options;
  }

  public QualityThresholds thresholds() {
    return thresholds;
  }

  @Override
  public void attach(StreamsBuilder builder, KStream<String, ScoredFeedback> scored,
      KStream<String, ScoredWithComparison> compared, TopologyObserver observer) {
    KStream<String, GroundTruthEvent> labels = readLabels(builder, observer)
        .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(GroundTruthEvent.class))
            .withName(LABELS_BY_FEEDBACK_ID).withNumberOfPartitions(options.partitions()));
    KStream<String, GroundTruthEvent> items = scored
        .flatMapValues(this::itemEvents, Named.as("scored-items-and-rating-labels"))
        .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(GroundTruthEvent.class))
            .withName(ITEMS_BY_FEEDBACK_ID).withNumberOfPartitions(options.partitions()));

    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(GROUND_TRUTH_STORE,
        options.labelDelay(), options.labelDelay(), false), Serdes.String(), JsonSerde.of(JoinState.class)));
    KStream<String, GroundTruthUpdate> updates = items
        .merge(labels, Named.as("merge-items-and-labels"))
        .process(() -> new GroundTruthJoin(GROUND_TRUTH_STORE, options.labelDelay(), labelTimes),
            Named.as("join-items-and-labels"), GROUND_TRUTH_STORE);
    updates
        .filter((id, update) -> update.labelled() != null, Named.as("newly-labelled"))
        .mapValues(GroundTruthUpdate::labelled, Named.as("labelled-feedback"))
        .to(topics.labelled(), Produced.with(Serdes.String(), qualitySerdes.labelled())
            .withName("write-" + topics.labelled()));
    measure(builder, updates, observer);
    review(builder, compared);
  }

  private KStream<String, GroundTruthEvent> readLabels(StreamsBuilder builder, TopologyObserver observer) {
    Map<String, KStream<String, Outcome<TrueLabel>>> read = builder
        .stream(topics.labels(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-labels"))
        .process(() -> new LabelIngestProcessor(reader, labelTimes, deadLetters), Named.as("decode-labels"))
        .split(Named.as("labels-"))
        .branch((id, outcome) -> outcome.ok(), Branched.as("accepted"))
        .defaultBranch(Branched.as("rejected"));
    read.get("labels-rejected")
        .mapValues(Outcome::deadLetter, Named.as("labels-dead-letter"))
        .peek((id, deadLetter) -> {
          observer.deadLetter(deadLetter);
          deadLetterLog.deadLettered(deadLetter.getReason(),
              deadLetter.getSourceTopic() + "-" + deadLetter.getPartition() + "@" + deadLetter.getOffset(),
              deadLetter.getDetail());
        }, Named.as("observe-labels-dead-letters"))
        .map((id, deadLetter) -> KeyValue.pair(originalKey(deadLetter), deadLetter),
            Named.as("key-labels-dead-letter-by-original-key"))
        .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), serdes.deadLetter())
            .withName("write-" + topics.deadLetter() + "-labels"));
    return read.get("labels-accepted")
        .mapValues(outcome -> GroundTruthEvent.labelled(outcome.value()), Named.as("label-events"));
  }

  private List<GroundTruthEvent> itemEvents(ScoredFeedback s) {
    List<GroundTruthEvent> events = new ArrayList<>(2);
    // masked before it leaves the scoring task: the item waits for its label in the ground-truth store
    events.add(GroundTruthEvent.scored(ScoredItem.of(s).withText(labelledText)));
    if (options.labelsFromRatings()) {
      TrueLabel.fromRating(s).ifPresent(label -> events.add(GroundTruthEvent.labelled(label)));
    }
    return events;
  }

  private void measure(StreamsBuilder builder, KStream<String, GroundTruthUpdate> updates, TopologyObserver observer) {
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(MODEL_QUALITY_STORE,
        options.retention(), options.window(), false), JsonSerde.of(QualityKey.class), JsonSerde.of(QualityWindow.class)));
    KStream<String, QualityAssessment> assessed = updates
        .flatMap((id, update) -> {
          List<KeyValue<String, QualityChange>> out = new ArrayList<>();
          for (QualityChange change : update.changes()) {
            out.add(KeyValue.pair(change.channel(), change));
            out.add(KeyValue.pair(TopicNames.ALL_CHANNELS, change.forChannel(TopicNames.ALL_CHANNELS)));
          }
          return out;
        }, Named.as("quality-per-channel-and-all"))
        .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(QualityChange.class)).withName(QUALITY_BY_CHANNEL))
        .process(() -> new QualityAggregator(MODEL_QUALITY_STORE, options.window(), thresholds),
            Named.as("measure-quality"), MODEL_QUALITY_STORE);
    assessed
        .mapValues(QualityAssessment::quality, Named.as("quality-figures"))
        .peek((channel, quality) -> observer.quality(quality), Named.as("observe-quality"))
        .to(topics.quality(), Produced.with(Serdes.String(), qualitySerdes.quality())
            .withName("write-" + topics.quality()));
    assessed
        .flatMapValues(a -> a.event().stream().toList(), Named.as("quality-events"))
        .peek((channel, event) -> observer.driftEvent(event), Named.as("observe-quality-events"))
        .to(topics.drift(), Produced.with(Serdes.String(), serdes.drift()).withName("write-" + topics.drift() + "-quality"));
  }

  private void review(StreamsBuilder builder, KStream<String, ScoredWithComparison> compared) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REVIEW_RATE_STORE),
        Serdes.String(), JsonSerde.of(ReviewRate.class)));
    compared
        .flatMapValues(s -> ReviewCandidate.of(s, options.reviewDisagreements(), options.reviewMaxConfidence())
            .stream().toList(), Named.as("disagreements-and-low-confidence"))
        .map((id, c) -> KeyValue.pair(c.channel(), c), Named.as("review-key-by-channel"))
        .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(ReviewCandidate.class))
            .withName(REVIEW_BY_CHANNEL))
        .process(() -> new ReviewGate(REVIEW_RATE_STORE, options.reviewMaxPerMinute(), reviewText),
            Named.as("review-per-minute-cap"), REVIEW_RATE_STORE)
        .to(topics.review(), Produced.with(Serdes.String(), qualitySerdes.review()).withName("write-" + topics.review()));
  }

  private static byte[] originalKey(DeadLetter d) {
    if (d.getOriginalKey() == null) {
      return null;
    }
    ByteBuffer b = d.getOriginalKey().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
