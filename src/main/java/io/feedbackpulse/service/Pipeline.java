package io.feedbackpulse.service;

import io.feedbackpulse.alert.AlertPolicy;
import io.feedbackpulse.alert.TextMasking;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.cases.CasePolicy;
import io.feedbackpulse.ingest.ChannelSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.drift.BaselineReference;
import io.feedbackpulse.drift.ConfidenceReference;
import io.feedbackpulse.drift.DriftAnalysis;
import io.feedbackpulse.drift.ReferenceDistribution;
import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.inference.Baseline;
import io.feedbackpulse.inference.FeedbackScorer;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.LongTextPolicy;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelLanguages;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.ingest.EventTimePolicy;
import io.feedbackpulse.ingest.IngestLimits;
import io.feedbackpulse.ingest.LabelReader;
import io.feedbackpulse.ingest.LanguageIdentifier;
import io.feedbackpulse.ingest.FeedbackIngestor;
import io.feedbackpulse.ingest.FeedbackValidator;
import io.feedbackpulse.ingest.RawRecordDecoder;
import io.feedbackpulse.ingest.TextNormalizer;
import io.feedbackpulse.models.ServedBaselines;
import io.feedbackpulse.models.ServingModels;
import io.feedbackpulse.quality.GroundTruthOptions;
import io.feedbackpulse.quality.GroundTruthTopology;
import io.feedbackpulse.quality.QualitySerdes;
import io.feedbackpulse.quality.QualityThresholds;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.SubjectNameStrategy;
import io.feedbackpulse.topology.Batching;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.topology.FeedbackTopology;
import io.feedbackpulse.streams.OutputSerdes;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopologyObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;

/**
 * Builds the service's parts from its settings: registry serdes, ingest, and the topology around the serving
 * models. The models are the caller's: {@link ServingModels} closes them once nothing runs the topology; a
 * pipeline built around one model leaves that model to whoever loaded it ({@link #loadModel}).
 */
public final class Pipeline {
  private final Settings settings;
  private final SentimentModel model;
  private final ServingModels models;
  private final List<ChannelDefinition> channels;
  private final TopicNames topics;
  private final Topology topology;
  private GroundTruthTopology groundTruth;

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
    this.settings = settings;
    this.models = models;
    this.model = models.current().champion();
    this.channels = ChannelSettings.from(settings);
    this.topics = TopicNames.from(settings);
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
    FeedbackIngestor ingestor = new FeedbackIngestor(channels, new RawRecordDecoder(avro.genericDeserializer()),
        new TextNormalizer(), new FeedbackValidator(settings.integer("text.max-chars")), ingestLimits(settings),
        LanguageIdentifier.builtIn());
    FeedbackTopology.TopologyOptions shape = new FeedbackTopology.TopologyOptions(channels, topics,
        settings.duration("windows.size"), settings.duration("windows.grace"), windowRetention(settings),
        AlertPolicy.from(settings), Batching.from(settings), dedupeWindow(settings), CasePolicy.from(settings));
    DeadLetters deadLetters = new DeadLetters(clock, settings.integer("dead-letter.max-original-bytes"));
    OutputSerdes outputSerdes = OutputSerdes.of(avro, settings.integer("output.max-bytes"));
    ExplainOptions explain = ExplainOptions.from(settings);
    TextMasking masking = TextMasking.from(settings);
    UnaryOperator<Feedback> scoredText = masking.feedback("topic.scored");
    ServedBaselines baselines = ServedBaselines.following(models);
    ModelLanguages languages = modelLanguages(settings);
    this.topology = new FeedbackTopology(shape, ingestor, models,
        served -> new FeedbackScorer(served, clock, scoredText, languages), explain, deadLetters,
        DriftAnalysis.from(settings, () -> driftBaseline(baselines.champion()), channels.size() + 1),
        outputSerdes, observer, List.of(groundTruth(settings, baselines, avro, deadLetters, outputSerdes, masking))).build();
  }

  private GroundTruthTopology groundTruth(Settings s, ServedBaselines baselines, AvroSerdes avro,
      DeadLetters deadLetters, OutputSerdes outputSerdes, TextMasking masking) {
    GroundTruthOptions options = GroundTruthOptions.from(s);
    QualityThresholds thresholds = new QualityThresholds(baselines::testMacroF1, options.maxDrop(),
        options.minLabelled());
    LabelReader labels = new LabelReader(new RawRecordDecoder(avro.genericDeserializer()),
        channels.stream().map(ChannelDefinition::name).collect(Collectors.toSet()));
    groundTruth = new GroundTruthTopology(topics, options, thresholds, labels, ingestLimits(s).eventTimes(),
        masking, deadLetters, outputSerdes,
        QualitySerdes.of(avro, s.integer("output.max-bytes")));
    return groundTruth;
  }

  private static IngestLimits ingestLimits(Settings s) {
    Instant minEventTime;
    try {
      minEventTime = Instant.parse(s.string("time.min-event-time"));
    } catch (DateTimeParseException e) {
      throw new SettingsException("time.min-event-time must be an ISO-8601 instant such as 2000-01-01T00:00:00Z, got '"
          + s.string("time.min-event-time") + "'");
    }
    try {
      return new IngestLimits(s.integer("input.max-bytes"),
          new EventTimePolicy(s.duration("time.max-future-skew"), minEventTime));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }

  private static Duration dedupeWindow(Settings s) {
    Duration window = s.duration("dedupe.window");
    if (window.isNegative() || window.isZero()) {
      throw new SettingsException("dedupe.window must be positive, got " + window);
    }
    return window;
  }

  private static ModelLanguages modelLanguages(Settings s) {
    try {
      return ModelLanguages.of(s.list("model.languages"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }

  private static Duration windowRetention(Settings s) {
    Duration retention = s.duration("windows.retention");
    Duration least = s.duration("windows.size").plus(s.duration("windows.grace"));
    if (retention.compareTo(least) < 0) {
      throw new SettingsException("windows.retention (" + retention + ") must be at least windows.size + windows.grace ("
          + least + "): a window must stay in the store until it closes");
    }
    return retention;
  }

  /** Loads the model the settings name. */
  public static SentimentModel loadModel(Settings s) {
    return loadModel(s.string("model.dir"), inferenceOptions(s));
  }

  /**
   * How the settings say models run, whoever names them (model.dir or the registry): threads, optimization,
   * batching, windows and quantization.
   */
  public static InferenceOptions inferenceOptions(Settings s) {
    LongTextPolicy longText = new LongTextPolicy(!"truncate".equals(s.string("model.long-text")),
        s.integer("model.chunk-overlap"), s.integer("model.max-windows"));
    return new InferenceOptions(s.integer("model.intra-op-threads"),
        s.string("model.optimization-level"), s.integer("model.batch-size"), s.integer("model.max-length"), longText,
        quantize(s));
  }

  private static boolean quantize(Settings s) {
    String choice = s.string("model.quantization");
    if (!choice.equals("model") && !choice.equals("none")) {
      throw new SettingsException("model.quantization must be model or none, got '" + choice + "'");
    }
    return choice.equals("model");
  }

  /** Loads the model at {@code location}; a failure names the location. */
  public static SentimentModel loadModel(String location, InferenceOptions options) {
    try {
      return SentimentModel.load(ModelSource.of(location), options);
    } catch (ModelLoadException e) {
      throw new ModelLoadException("the model in " + location + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static BaselineReference driftBaseline(ServedBaselines.Served champion) {
    String name = "baseline:" + champion.modelId();
    ReferenceDistribution labels = champion.baseline()
        .map(b -> new ReferenceDistribution(name, b.referenceShares()))
        .orElseGet(() -> new ReferenceDistribution("uniform", new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}));
    Optional<ConfidenceReference> confidence = champion.baseline().flatMap(Baseline::modelScores)
        .map(m -> new ConfidenceReference(name, m.meanConfidence(), m.meanEntropyBits()));
    return new BaselineReference(labels, confidence);
  }

  /** The ground-truth stages: their options and quality thresholds, for the query API. */
  public GroundTruthTopology groundTruth() {
    return groundTruth;
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
