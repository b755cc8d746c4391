package io.feedbackpulse.service;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.drift.DriftAnalysis;
import io.feedbackpulse.inference.FeedbackScorer;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.ingest.FeedbackIngestor;
import io.feedbackpulse.ingest.LabelReader;
import io.feedbackpulse.ingest.LanguageIdentifier;
import io.feedbackpulse.ingest.RawRecordDecoder;
import io.feedbackpulse.ingest.TextNormalizer;
import io.feedbackpulse.models.ServedBaselines;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.quality.GroundTruthOptions;
import io.feedbackpulse.quality.GroundTruthTopology;
import io.feedbackpulse.quality.QualitySerdes;
import io.feedbackpulse.quality.QualityThresholds;
import io.feedbackpulse.reasons.LearnedReasons;
import io.feedbackpulse.reasons.ReasonScorer;
import io.feedbackpulse.reasons.SharedReasonScorers;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.OutputSerdes;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopologyObserver;
import io.feedbackpulse.topology.FeedbackTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;

/**
 * The composition root: builds the service's parts from the options each package reads from the settings
 * ({@link ServiceOptions}), and the topology around the serving models. The models are the caller's:
 * {@link ServingModels} closes them once nothing runs the topology; a pipeline built around one model leaves that
 * model to whoever loaded it ({@link io.feedbackpulse.inference.ModelLoading}).
 */
public final class Pipeline {
  private final Settings settings;
  private final SentimentModel model;
  private final ServingModels models;
  private final List<ChannelDefinition> channels;
  private final TopicNames topics;
  private final Topology topology;
  private final GroundTruthTopology groundTruth;
  private final Optional<LearnedReasons> learnedReasons;
  private final Executor alertWorker;

  public Pipeline(Settings settings, SentimentModel model, Clock clock) {
    this(settings, model, clock, TopologyObserver.NONE);
  }

  /** @param observer sees the topology's outputs as they are produced (metrics) */
  public Pipeline(Settings settings, SentimentModel model, Clock clock, TopologyObserver observer) {
    this(settings, new ServingModels(model), clock, observer);
  }

  /**
   * @param models what the topology scores with, batch by batch; the drift reference follows its champion, and
   *     live quality compares each model it serves with that model's own test figure
   */
  public Pipeline(Settings settings, ServingModels models, Clock clock, TopologyObserver observer) {
    this(settings, models, clock, observer, new AlertWorker());
  }

  /**
   * @param alertWorker where alerts are explained and given reasons, off the stream threads; {@link
   *     #stopAlertWork} stops it when it is an {@link AlertWorker}
   */
  public Pipeline(Settings settings, ServingModels models, Clock clock, TopologyObserver observer,
      Executor alertWorker) {
    this.alertWorker = alertWorker;
    this.settings = settings;
    this.models = models;
    this.model = models.current().champion();
    ServiceOptions options = ServiceOptions.from(settings);
    this.channels = options.topology().channels();
    this.topics = options.topology().topics();
    AvroSerdes avro = new AvroSerdes(options.registry());
    FeedbackIngestor ingestor = ingestor(options, avro);
    DeadLetters deadLetters = new DeadLetters(clock, options.deadLetterMaxOriginalBytes());
    OutputSerdes outputSerdes = OutputSerdes.of(avro, options.outputMaxBytes());
    UnaryOperator<Feedback> scoredText = options.masking().feedback("topic.scored");
    ServedBaselines baselines = ServedBaselines.following(models);
    this.groundTruth = groundTruth(options, baselines, avro, deadLetters, outputSerdes);
    Optional<ReasonScorer> reasons = options.reasonTaxonomy().map(t -> SharedReasonScorers.of(t, options.reasons(),
        options.inference()));
    this.learnedReasons = reasons.filter(r -> options.reasons().learnedPerReason() > 0)
        .map(r -> r.newLearnedReasons(options.reasons().learnedPerReason()));
    this.topology = new FeedbackTopology(options.topology(), ingestor, models,
        served -> new FeedbackScorer(served, clock, scoredText, options.languages(), observer), options.explain(), deadLetters,
        DriftAnalysis.of(options.drift(), () -> baselines.champion().driftReference()), outputSerdes, observer,
        List.of(groundTruth), learnedReasons.isEmpty() ? reasons : reasons.map(r -> r.learning(learnedReasons.get())),
        alertWorker).build();
  }

  /**
   * Stops the alert worker before the streams stop (see {@link AlertWorker#stop}); true where the worker is not
   * one this pipeline can stop.
   */
  /** Alert batches this instance's worker finished; -1 where the worker is not an {@link AlertWorker}. */
  long alertBatchesDone() {
    return alertWorker instanceof AlertWorker worker ? worker.batchesDone() : -1;
  }

  public boolean stopAlertWork(Duration timeout) {
    return !(alertWorker instanceof AlertWorker worker) || worker.stop(timeout);
  }

  /** What turns the channels' raw records into the feedback the topology scores. */
  public static FeedbackIngestor ingestor(ServiceOptions options, AvroSerdes avro) {
    return new FeedbackIngestor(options.topology().channels(), new RawRecordDecoder(avro.genericDeserializer()),
        new TextNormalizer(), options.validator(), options.ingest(), LanguageIdentifier.builtIn());
  }

  private GroundTruthTopology groundTruth(ServiceOptions options, ServedBaselines baselines, AvroSerdes avro,
      DeadLetters deadLetters, OutputSerdes outputSerdes) {
    GroundTruthOptions truth = options.groundTruth();
    QualityThresholds thresholds = new QualityThresholds(baselines::testMacroF1, truth.maxDrop(),
        truth.minLabelled());
    LabelReader labels = new LabelReader(new RawRecordDecoder(avro.genericDeserializer()),
        channels.stream().map(ChannelDefinition::name).collect(Collectors.toSet()));
    return new GroundTruthTopology(topics, truth, thresholds, labels, options.ingest().eventTimes(),
        options.masking(), deadLetters, outputSerdes, QualitySerdes.of(avro, options.outputMaxBytes()));
  }

  /** The ground-truth stages: their options and quality thresholds, for the query API. */
  public GroundTruthTopology groundTruth() {
    return groundTruth;
  }

  /**
   * The examples the topology's reason scorer learns from labels: what the service feeds from feedback.labelled;
   * empty when reasons are off or reasons.learned-per-reason is 0.
   */
  public Optional<LearnedReasons> learnedReasons() {
    return learnedReasons;
  }

  public Topology topology() {
    return topology;
  }

  public List<ChannelDefinition> channels() {
    return channels;
  }

  public TopicNames topics() {
    return topics;
  }

  /** The champion served at start. */
  public SentimentModel model() {
    return model;
  }

  public ServingModels models() {
    return models;
  }

  public Settings settings() {
    return settings;
  }
}
