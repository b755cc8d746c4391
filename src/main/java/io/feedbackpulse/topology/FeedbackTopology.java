package io.feedbackpulse.topology;

import io.feedbackpulse.alert.AlertBuilder;
import io.feedbackpulse.alert.AlertPolicy;
import io.feedbackpulse.alert.AlertProcessor;
import io.feedbackpulse.alert.AlertRoutes;
import io.feedbackpulse.alert.ContactHistory;
import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.ScoredReason;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.cases.CasePolicy;
import io.feedbackpulse.cases.CaseProcessor;
import io.feedbackpulse.cases.CaseRecords;
import io.feedbackpulse.cases.Cases;
import io.feedbackpulse.cases.KeyByCase;
import io.feedbackpulse.drift.DriftAnalysis;
import io.feedbackpulse.drift.DriftProcessor;
import io.feedbackpulse.drift.LabelSample;
import io.feedbackpulse.drift.LabelWindowAggregate;
import io.feedbackpulse.drift.TrailingReference;
import io.feedbackpulse.drift.WindowAssessment;
import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.inference.BatchScorer;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.ingest.ChannelSettings;
import io.feedbackpulse.ingest.FeedbackIngestor;
import io.feedbackpulse.models.AgreementSample;
import io.feedbackpulse.models.AgreementWindowAggregate;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.reasons.ReasonScorer;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The whole service as one Kafka Streams topology:
 *
 * <pre>
 * channel topics -> decode, normalize, validate, detect language -> by feedback id -> drop copies -> score -> feedback.scored
 *                         |                                                        |  -> one alert per item -> explain, give reasons (worker thread)
 *                         |                                                        |       -> by customer -> support.alerts
 *                         |                                                        |       support.alerts -> by case -> open cases -> support.cases
 *                         |                                                        |  -> label windows per channel and "all" -> sentiment.distribution
 *                         |                                                        |       (vs baseline or trailing windows)  -> sentiment.drift
 *                         |                                                        |  (windows: items in a language of model.languages; others alert)
 *                         +--------------------------------------------------------+-> feedback.dead-letter
 * </pre>
 *
 * <p>Duplicates: the canonical id ({@code <channel>:<source id>}) comes from the record's value, not its
 * key, and producers key channel topics by source id, by customer id or not at all. Two copies of one item
 * can therefore sit on different partitions (a retry of a null-keyed record goes wherever the partitioner
 * sends it; a replay may be keyed differently; an edit may change the customer it is keyed by; a topic may
 * gain partitions), and a check per input partition would miss them. So accepted items are repartitioned by
 * canonical id ({@value #BY_FEEDBACK_ID}) before the check, and the check, scoring and the one-alert mark
 * all run in the tasks that own the id. The cost is one write and read of the canonical Feedback
 * (single-object Avro, no registry) per accepted item, no model call; rejected records never cross it.
 */
public final class FeedbackTopology {
  public static final String LABEL_WINDOW_STORE = "label-windows";
  public static final String CUSTOMER_CONTACTS_STORE = "customer-contacts";
  public static final String TRAILING_REFERENCE_STORE = "trailing-reference";
  public static final String PENDING_INFERENCE_STORE = "pending-inference";
  public static final String PENDING_ALERTS_STORE = "pending-alerts";
  public static final String SEEN_FEEDBACK_STORE = "seen-feedback";
  public static final String OPEN_CASES_STORE = "open-cases";
  public static final String AGREEMENT_WINDOW_STORE = "agreement-windows";
  private static final String BY_CUSTOMER = "by-customer";
  private static final String BY_CASE = "by-case";
  private static final String BY_FEEDBACK_ID = "by-feedback-id";

  /** The internal topic that carries scored items keyed by customer, which Kafka Streams names after the app. */
  public static String byCustomerTopic(String applicationId) {
    return applicationId + "-" + BY_CUSTOMER + "-repartition";
  }

  /**
   * Everything the topology's shape and routing depend on.
   *
   * @param dedupe how duplicates are found
   * @param cases when support cases close, escalate and go
   */
  public record TopologyOptions(List<ChannelDefinition> channels, TopicNames topics, Duration windowSize,
      Duration windowGrace, Duration windowRetention, AlertPolicy alerts, Batching batching,
      DedupeOptions dedupe, CasePolicy cases) {

    /** The topology's shape as the settings give it, each setting checked. */
    public static TopologyOptions from(Settings s) {
      return new TopologyOptions(ChannelSettings.from(s), TopicNames.from(s), s.duration("windows.size"),
          s.duration("windows.grace"), windowRetention(s), AlertPolicy.from(s), Batching.from(s),
          DedupeOptions.from(s), CasePolicy.from(s));
    }

    private static Duration windowRetention(Settings s) {
      Duration retention = s.duration("windows.retention");
      Duration least = s.duration("windows.size").plus(s.duration("windows.grace"));
      if (retention.compareTo(least) < 0) {
        throw new SettingsException("windows.retention (" + retention
            + ") must be at least windows.size + windows.grace (" + least + "): a window must stay in the store until"
            + " it closes");
      }
      return retention;
    }
  }

  private final TopologyOptions settings;
  private final FeedbackIngestor ingestor;
  private final ServingModels models;
  private final Function<SentimentModel, BatchScorer> scorerOf;
  private final ExplainOptions explain;
  private final DeadLetters deadLetters;
  private final DriftAnalysis drift;
  private final OutputSerdes serdes;
  private final TopologyObserver observer;
  private final DeadLetterLog deadLetterLog = new DeadLetterLog();
  private final List<TopologyExtension> extensions;
  private final Optional<ReasonScorer> reasons;
  private final Executor alertWorker;

  /**
   * @param models what each batch is scored with: the champion, and a challenger while one is on traffic
   * @param scorerOf the scorer of one model
   * @param explain when enabled, the items that alert as negative are explained, after scoring, on the alert worker
   * @param extensions stages attached to the scored items, in this order
   * @param reasons when present, the items that alert as negative are given their complaint reasons, after their
   *     explanations, on the alert worker
   * @param alertWorker where alerts are explained and given reasons, off the stream threads
   */
  public FeedbackTopology(TopologyOptions settings, FeedbackIngestor ingestor, ServingModels models,
      Function<SentimentModel, BatchScorer> scorerOf, ExplainOptions explain, DeadLetters deadLetters,
      DriftAnalysis drift, OutputSerdes serdes, TopologyObserver observer, List<TopologyExtension> extensions,
      Optional<ReasonScorer> reasons, Executor alertWorker) {
    this.extensions = List.copyOf(extensions);
    this.reasons = reasons;
    this.alertWorker = alertWorker;
    this.observer = observer;
    this.settings = settings;
    this.ingestor = ingestor;
    this.models = models;
    this.scorerOf = scorerOf;
    this.explain = explain;
    this.deadLetters = deadLetters;
    this.drift = drift;
    this.serdes = serdes;
  }

  /**
   * Accepted items in the tasks that own their ids. Without {@code dedupe.in-place}, every item crosses the
   * by-feedback-id topic. With it, that topic is partitioned as a producer's default partitioner places a record
   * keyed by the source id ({@link IdPartition}), so items read from that partition are in the right task already
   * and go straight on; the others cross the topic into the same tasks. Ingest then runs in the sub-topology
   * that reads the topic too: under exactly-once an item that skips the hop is scored without waiting for the
   * transaction that read it to commit.
   */
  private KStream<String, Feedback> byFeedbackId(KStream<String, Feedback> accepted) {
    Repartitioned<String, Feedback> byId = Repartitioned.with(Serdes.String(), FeedbackCodec.serde());
    if (!settings.dedupe().inPlace()) {
      return accepted.repartition(byId.withName(BY_FEEDBACK_ID));
    }
    int partitions = settings.dedupe().partitions();
    Map<String, KStream<String, PlacedFeedback>> placed = accepted
        .processValues(() -> new PartitionPlacement(partitions), Named.as("place-by-id-partition"))
        .split(Named.as("id-partition-"))
        .branch((id, p) -> p.inPlace(), Branched.as("in-place"))
        .defaultBranch(Branched.as("elsewhere"));
    KStream<String, Feedback> moved = placed.get("id-partition-elsewhere")
        .mapValues(PlacedFeedback::feedback, Named.as("feedback-to-move"))
        .repartition(byId.withName(BY_FEEDBACK_ID).withNumberOfPartitions(partitions)
            .withStreamPartitioner(new IdPartition()));
    return placed.get("id-partition-in-place")
        .mapValues(PlacedFeedback::feedback, Named.as("feedback-in-place"))
        .merge(moved, Named.as("in-place-and-moved"));
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    TopicNames topics = settings.topics();

    KStream<byte[], byte[]> raw = null;
    for (ChannelDefinition channel : settings.channels()) {
      KStream<byte[], byte[]> in = builder.stream(channel.topic(),
          Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-" + channel.name()));
      raw = raw == null ? in : raw.merge(in, Named.as("merge-" + channel.name()));
    }

    Map<String, KStream<String, Outcome<Feedback>>> ingested = raw
        .process(() -> new IngestProcessor(ingestor, deadLetters, observer), Named.as("decode-normalize-validate"))
        .split(Named.as("ingest-"))
        .branch((id, outcome) -> outcome.ok(), Branched.as("accepted"))
        .defaultBranch(Branched.as("rejected"));

    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SEEN_FEEDBACK_STORE,
        settings.dedupe().window(), settings.dedupe().window(), false), Serdes.String(), JsonSerde.of(SeenFeedback.class)));
    KStream<String, Feedback> accepted = ingested.get("ingest-accepted")
        .mapValues(Outcome::value, Named.as("accepted-feedback"));
    KStream<String, Outcome<Feedback>> firstSightingsAndEdits = byFeedbackId(accepted)
        .processValues(() -> new DuplicateFilter(SEEN_FEEDBACK_STORE, settings.dedupe().window(),
            observer::duplicate), Named.as("drop-duplicates"), SEEN_FEEDBACK_STORE);

    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_INFERENCE_STORE),
        Serdes.Long(), new PendingRecordSerde()));
    BatchScorers.Source scorers = new ServedScorers(models, scorerOf);
    KStream<String, ScoringResult> results = firstSightingsAndEdits
        .process(() -> new BatchScoringProcessor(scorers, deadLetters, settings.batching(), PENDING_INFERENCE_STORE,
            observer),
            Named.as("tokenize-and-infer"), PENDING_INFERENCE_STORE);
    KStream<String, ModelComparison> comparisons = results
        .flatMapValues(r -> r.comparison().stream().toList(), Named.as("champion-vs-challenger"));
    comparisons.to(topics.modelComparison(), Produced.with(Serdes.String(), serdes.comparison())
        .withName("write-" + topics.modelComparison() + "-items"));
    Map<String, KStream<String, Outcome<ScoredFeedback>>> scoredOutcomes = results
        .mapValues(ScoringResult::outcome, Named.as("scoring-outcomes"))
        .split(Named.as("inference-"))
        .branch((id, outcome) -> outcome.ok(), Branched.as("scored"))
        .defaultBranch(Branched.as("failed"));

    // Two sinks rather than a merge: without dedupe.in-place, a merge would pull ingest and everything after the
    // by-feedback-id repartition into one sub-topology that reads its own repartition topic.
    writeDeadLetters(ingested.get("ingest-rejected"), "ingest", topics);
    writeDeadLetters(scoredOutcomes.get("inference-failed"), "inference", topics);

    KStream<String, ScoredFeedback> scored = scoredOutcomes.get("inference-scored")
        .mapValues(Outcome::value, Named.as("scored-feedback"))
        .peek((id, s) -> observer.scored(s), Named.as("observe-scored"));
    scored.to(topics.scored(), Produced.with(Serdes.String(), serdes.scored()).withName("write-" + topics.scored()));

    KStream<String, ScoredFeedback> explained = routeAlerts(builder, scored, topics);
    countLabels(builder, scored, explained, topics);
    if (!extensions.isEmpty()) {
      KStream<String, ScoredWithComparison> compared = results
          .filter((id, r) -> r.outcome().ok(), Named.as("scored-results"))
          .mapValues(r -> new ScoredWithComparison(r.outcome().value(), r.comparison()),
              Named.as("scored-with-comparison"));
      extensions.forEach(extension -> extension.attach(builder, scored, compared, observer));
    }
    // last, so the sub-topologies before it keep their numbers (and their tasks' state directories)
    openCases(builder, topics);
    countAgreement(comparisons, topics);
    return builder.build();
  }

  /**
   * Agreement of champion and challenger per window (windows.size, by event time) on each channel and on all,
   * counted apart for each pair of models: a swap inside a window starts a count of its own.
   */
  private void countAgreement(KStream<String, ModelComparison> comparisons, TopicNames topics) {
    comparisons
        .flatMap((id, c) -> {
          AgreementSample sample = AgreementSample.of(c);
          return List.of(KeyValue.pair(c.getChannel() + "/" + sample.pair(), sample),
              KeyValue.pair(TopicNames.ALL_CHANNELS + "/" + sample.pair(), sample));
        }, Named.as("agreement-per-channel-and-all"))
        .groupByKey(Grouped.with("agreement-samples", Serdes.String(), JsonSerde.of(AgreementSample.class)))
        .windowedBy(TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.windowGrace()))
        .aggregate(AgreementWindowAggregate::new,
            (key, sample, aggregate) -> aggregate.add(key.substring(0, key.indexOf('/')), sample),
            Named.as("count-agreement"),
            // In memory: without a challenger the store never sees a record, so it never gets a changelog offset,
            // and under exactly-once a persistent store without one is wiped as corrupt at every start.
            Materialized.<String, AgreementWindowAggregate>as(Stores.inMemoryWindowStore(AGREEMENT_WINDOW_STORE,
                    settings.windowRetention(), settings.windowSize(), false))
                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(AgreementWindowAggregate.class)))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
            .withName("until-agreement-window-closes"))
        .toStream(Named.as("closed-agreement-windows"))
        .map((window, aggregate) -> KeyValue.pair(aggregate.channel,
            aggregate.toRecord(window.window().startTime(), window.window().endTime())),
            Named.as("agreement-window-record"))
        .peek((channel, window) -> observer.agreementWindow(window), Named.as("observe-agreement-windows"))
        .to(topics.modelComparison(), Produced.with(Serdes.String(), serdes.comparison())
            .withName("write-" + topics.modelComparison() + "-windows"));
  }

  /**
   * Cases are fed from support.alerts as written (read_committed under exactly-once), not from the two alert
   * branches: those run in different sub-topologies (by feedback id, by customer), and a merge would join them.
   * Each alert is re-keyed by the case it names, so one task owns each case.
   */
  private void openCases(StreamsBuilder builder, TopicNames topics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_CASES_STORE),
        Serdes.String(), CaseRecords.cases()));
    builder.stream(topics.alerts(), Consumed.with(Serdes.String(), serdes.alert()).withName("read-alerts-for-cases"))
        .process(KeyByCase::new, Named.as("key-alerts-by-case"))
        .repartition(Repartitioned.with(Serdes.String(), CaseRecords.alerts()).withName(BY_CASE))
        .process(() -> new CaseProcessor(new Cases(settings.cases()), OPEN_CASES_STORE), Named.as("open-cases"),
            OPEN_CASES_STORE)
        .to(topics.cases(), Produced.with(Serdes.String(), serdes.supportCase()).withName("write-" + topics.cases()));
  }

  private void writeDeadLetters(KStream<String, ? extends Outcome<?>> failed, String stage, TopicNames topics) {
    failed
        .mapValues(Outcome::deadLetter, Named.as(stage + "-dead-letter"))
        .peek((id, deadLetter) -> {
          observer.deadLetter(deadLetter);
          deadLetterLog.deadLettered(deadLetter.getReason(), where(deadLetter), deadLetter.getDetail());
        }, Named.as("observe-" + stage + "-dead-letters"))
        .map((id, deadLetter) -> KeyValue.pair(originalKey(deadLetter), deadLetter),
            Named.as("key-" + stage + "-dead-letter-by-original-key"))
        .to(topics.deadLetter(), Produced.with(Serdes.ByteArray(), serdes.deadLetter())
            .withName("write-" + topics.deadLetter() + "-" + stage));
  }

  /** @return the scored items on their way to the alert stages, alerts explained and with their reasons */
  private KStream<String, ScoredFeedback> routeAlerts(StreamsBuilder builder, KStream<String, ScoredFeedback> scored,
      TopicNames topics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_CONTACTS_STORE),
        Serdes.String(), JsonSerde.of(ContactHistory.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING_ALERTS_STORE),
        Serdes.Long(), new PendingAlertSerde()));
    PiiRedactor redactor = new PiiRedactor();
    AlertBuilder alerts = new AlertBuilder(settings.alerts(), redactor);
    AlertEnrichment enrichment = new AlertEnrichment(models, scorerOf, explain, reasons, alerts, redactor,
        settings.batching().maxTokens(), observer);
    KStream<String, ScoredFeedback> explained = scored
        .processValues(() -> new OneAlertPerItem(alerts, SEEN_FEEDBACK_STORE, settings.dedupe().window()),
            Named.as("one-alert-per-item"), SEEN_FEEDBACK_STORE)
        .process(() -> new AlertEnrichmentProcessor(enrichment, enrichment::needsWork, alertWorker,
                PENDING_ALERTS_STORE, settings.batching().maxSize(), settings.batching().beat()),
            Named.as("explain-and-give-reasons"), PENDING_ALERTS_STORE);
    Map<String, KStream<String, ScoredFeedback>> byCustomer = explained
        .split(Named.as("customer-"))
        .branch((id, s) -> s.getFeedback().getCustomerId() != null, Branched.as("known"))
        .defaultBranch(Branched.as("unknown"));
    // Two sinks rather than a merge, so the customer-keyed part stays a sub-topology of its own.
    KStream<String, SupportAlert> knownCustomer = byCustomer.get("customer-known")
        .selectKey((id, s) -> s.getFeedback().getCustomerId(), Named.as("key-by-customer"))
        .repartition(Repartitioned.with(Serdes.String(), serdes.scored()).withName(BY_CUSTOMER))
        .process(() -> new AlertProcessor(alerts, CUSTOMER_CONTACTS_STORE, settings.alerts().multiChannelSpan()),
            Named.as("alerts-with-contact-history"), CUSTOMER_CONTACTS_STORE)
        .peek((id, alert) -> observer.alert(alert), Named.as("observe-alerts-known-customer"));
    knownCustomer.to(topics.alerts(), Produced.with(Serdes.String(), serdes.alert())
        .withName("write-" + topics.alerts() + "-known-customer"));
    routeByReason(knownCustomer, topics.alertRoutes(), "known-customer");
    KStream<String, SupportAlert> unknownCustomer = byCustomer.get("customer-unknown")
        .flatMapValues(s -> alerts.alertFor(s, 1).stream().toList(), Named.as("alerts-without-customer"))
        .peek((id, alert) -> observer.alert(alert), Named.as("observe-alerts-unknown-customer"));
    unknownCustomer.to(topics.alerts(), Produced.with(Serdes.String(), serdes.alert())
        .withName("write-" + topics.alerts() + "-unknown-customer"));
    routeByReason(unknownCustomer, topics.alertRoutes(), "unknown-customer");
    return explained;
  }

  /** Each routed topic gets the alerts whose first reason routes there, as they are written to the alerts topic. */
  private void routeByReason(KStream<String, SupportAlert> alerts, AlertRoutes routes, String part) {
    for (String topic : routes.topics()) {
      alerts.filter((id, alert) -> routes.topicOf(alert).filter(topic::equals).isPresent(),
              Named.as("route-alerts-" + part + "-to-" + topic))
          .to(topic, Produced.with(Serdes.String(), serdes.alert()).withName("write-" + topic + "-" + part));
    }
  }

  /**
   * Label windows count each scored item's label, and each alert's reasons, which come later (after scoring) as
   * samples of their own.
   */
  private void countLabels(StreamsBuilder builder, KStream<String, ScoredFeedback> scored,
      KStream<String, ScoredFeedback> explained, TopicNames topics) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRAILING_REFERENCE_STORE),
        Serdes.String(), JsonSerde.of(TrailingReference.class)));
    KStream<String, WindowAssessment> assessed = scored
        .flatMap((id, s) -> {
          if (!s.getLanguageSupported()) {
            // A label the model guessed on a language it cannot read would only blur the window.
            return List.<KeyValue<String, LabelSample>>of();
          }
          LabelSample sample = labelSample(s);
          return List.of(KeyValue.pair(s.getFeedback().getChannel(), sample), KeyValue.pair(TopicNames.ALL_CHANNELS,
              sample.withFacets(s.getFeedback().getChannel(), s.getFeedback().getProductCategory())));
        }, Named.as("label-per-channel-and-all"))
        .merge(explained.flatMap((id, s) -> {
          if (s.getReasons().isEmpty()) {
            return List.<KeyValue<String, LabelSample>>of();
          }
          LabelSample sample = LabelSample.reasonsOf(s.getReasons().stream().map(ScoredReason::getName).toList());
          return List.of(KeyValue.pair(s.getFeedback().getChannel(), sample),
              KeyValue.pair(TopicNames.ALL_CHANNELS, sample));
        }, Named.as("reasons-per-channel-and-all")), Named.as("labels-and-reasons"))
        .groupByKey(Grouped.with("label-samples", Serdes.String(), JsonSerde.of(LabelSample.class)))
        .windowedBy(TimeWindows.ofSizeAndGrace(settings.windowSize(), settings.windowGrace()))
        .aggregate(LabelWindowAggregate::new, (channel, sample, aggregate) -> aggregate.add(sample),
            Named.as("count-labels"),
            Materialized.<String, LabelWindowAggregate, WindowStore<Bytes, byte[]>>as(LABEL_WINDOW_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(LabelWindowAggregate.class))
                .withRetention(settings.windowRetention()))
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("until-window-closes"))
        .toStream(Named.as("closed-windows"))
        .process(() -> new DriftProcessor(drift, TRAILING_REFERENCE_STORE), Named.as("drift-against-reference"),
            TRAILING_REFERENCE_STORE);
    assessed
        .mapValues(WindowAssessment::distribution, Named.as("label-distribution"))
        .peek((channel, distribution) -> observer.windowClosed(distribution), Named.as("observe-closed-windows"))
        .to(topics.distribution(), Produced.with(Serdes.String(), serdes.distribution())
            .withName("write-" + topics.distribution()));
    assessed
        .flatMapValues(WindowAssessment::events, Named.as("drift-events"))
        .peek((channel, event) -> observer.driftEvent(event), Named.as("observe-drift-events"))
        .to(topics.drift(), Produced.with(Serdes.String(), serdes.drift()).withName("write-" + topics.drift()));
  }

  private static LabelSample labelSample(ScoredFeedback s) {
    double[] p = {s.getProbabilities().getNegative(), s.getProbabilities().getNeutral(),
        s.getProbabilities().getPositive()};
    return new LabelSample(s.getLabel(), s.getConfidence(), Prediction.entropyBits(p), s.getTokenCount());
  }

  private static String where(DeadLetter d) {
    return d.getSourceTopic() + "-" + d.getPartition() + "@" + d.getOffset();
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
