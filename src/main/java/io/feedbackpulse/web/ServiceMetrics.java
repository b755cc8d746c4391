package io.feedbackpulse.web;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.DriftStatistics;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.inference.BatchStage;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.ingest.EventTimeSource;
import io.feedbackpulse.drift.DriftEvents;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopologyObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The service's own meters, fed by the topology: items scored, model-call latency and batch size,
 * dead letters, duplicates dropped, alerts, and per channel the label shares and drift statistics of the last
 * closed window. The counters count attempts: under exactly-once a record of an aborted transaction is counted
 * again when it is processed again. {@link CommittedOutputMetrics} counts what was committed.
 *
 * <p>Bound once to the registry, before the topology runs. Every counter a dashboard shows is registered at 0 then
 * (each channel and label, dead-letter reason, alert priority and drift event kind), so that a dashboard sees 0 rather
 * than no data until the first such record; the window gauges are there from the start too, NaN until the channel's
 * first window closes. Each record then increments counters held since binding: no registration on the stream thread.
 */
public final class ServiceMetrics implements TopologyObserver, MeterBinder {
  private static final Set<String> REPLACED_EVENT_TIMES = Set.of(
      EventTimeSource.RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE.code(), EventTimeSource.WALL_CLOCK.code());
  private static final List<String> LABELS = Arrays.stream(Sentiment.values()).map(Sentiment::label).toList();
  private static final List<String> PRIORITIES = Arrays.stream(AlertPriority.values()).map(Enum::name).toList();
  private final List<String> channels;
  /** The channels, and "all": the keys of the window, quality and agreement gauges registered when bound. */
  private final List<String> windowChannels;
  private final TaggedCounters scored = new TaggedCounters("feedback.scored",
      "Feedback items scored (attempts; see feedback.committed.scored)", "channel", "label");
  private final TaggedCounters eventTimeReplaced = new TaggedCounters("feedback.event.time.replaced",
      "Items whose own time was out of range (time.max-future-skew, time.min-event-time), by what replaced it",
      "channel", "source");
  private final TaggedCounters unsupportedLanguage = new TaggedCounters("feedback.unsupported.language",
      "Items in a language the model does not read (model.languages): scored, but neither alerted nor counted"
          + " in windows",
      "channel", "language");
  private final TaggedCounters truncated = new TaggedCounters("feedback.truncated",
      "Items longer than the model reads (model.max-windows)", "channel");
  private final TaggedCounters duplicates = new TaggedCounters("feedback.duplicates",
      "Copies of items seen within dedupe.window, dropped unscored", "channel");
  private final TaggedCounters deadLetters = new TaggedCounters("feedback.dead.letters",
      "Records sent to the dead-letter topic", "reason");
  /** Tagged with the priority as the alert records spell it: {@code LOW}, {@code MEDIUM}, {@code HIGH}. */
  private final TaggedCounters alerts = new TaggedCounters("feedback.alerts", "Support alerts raised", "priority");
  /**
   * Tagged with the alert's channel and each reason it gives; registered at an event's first reason, as the names come
   * from the deployment's taxonomy (a closed set, with {@code other}).
   */
  private final TaggedCounters alertReasons = new TaggedCounters("feedback.alert.reasons",
      "Reasons given to support alerts (an alert counts once for each of its reasons)", "channel", "reason");
  private final TaggedCounters driftEvents = new TaggedCounters("feedback.drift.events",
      "Drift events raised (sentiment.drift), by channel and kind", "channel", "kind");
  private final Map<String, LabelDistribution> lastWindow = new ConcurrentHashMap<>();
  private final Map<String, ModelQuality> lastQuality = new ConcurrentHashMap<>();
  private final Map<String, ModelComparison> lastAgreement = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;
  private volatile Timer inferenceLatency;
  private volatile DistributionSummary batchSize;
  private volatile Map<BatchStage, Timer> stages = Map.of();

  /** @param channels the names of the channels the service reads */
  public ServiceMetrics(List<String> channels) {
    this.channels = List.copyOf(channels);
    List<String> windowChannels = new ArrayList<>(channels);
    windowChannels.add(TopicNames.ALL_CHANNELS);
    this.windowChannels = List.copyOf(windowChannels);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (this.registry != null) {
      throw new IllegalStateException("the service's meters are already bound to a registry");
    }
    this.registry = registry;
    inferenceLatency = Timer.builder("feedback.inference.latency")
        .description("Wall time of the model call that scored each item")
        .publishPercentileHistogram()
        .register(registry);
    batchSize = DistributionSummary.builder("feedback.inference.batch.size")
        .description("Items in the model call that scored each item")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
        .register(registry);
    Map<BatchStage, Timer> stageTimers = new EnumMap<>(BatchStage.class);
    for (BatchStage stage : BatchStage.values()) {
      stageTimers.put(stage, Timer.builder("feedback.batch.stage")
          .description("Wall time of one stage of scoring: decode and cost per record; tokenize, model, explain, reasons and"
              + " forward per scoring batch")
          .tag("stage", stage.tag())
          .publishPercentileHistogram()
          .register(registry));
    }
    stages = stageTimers;
    scored.bindTo(registry, TaggedCounters.pairs(channels, LABELS));
    eventTimeReplaced.bindTo(registry, TaggedCounters.pairs(channels, REPLACED_EVENT_TIMES));
    unsupportedLanguage.bindTo(registry, List.of());
    truncated.bindTo(registry, TaggedCounters.each(channels));
    duplicates.bindTo(registry, TaggedCounters.each(channels));
    deadLetters.bindTo(registry, TaggedCounters.each(DeadLetters.REASONS));
    alerts.bindTo(registry, TaggedCounters.each(PRIORITIES));
    alertReasons.bindTo(registry, List.of());
    for (String channel : windowChannels) {
      registerWindowGauges(channel);
      registerQualityGauges(channel);
      registerAgreementGauges(channel);
    }
    driftEvents.bindTo(registry, TaggedCounters.pairs(windowChannels, DriftEvents.KINDS));
  }

  @Override
  public void scored(ScoredFeedback s) {
    String channel = s.getFeedback().getChannel();
    scored.counter(channel, s.getLabelName()).increment();
    String timeSource = s.getFeedback().getEventTimeSource();
    if (REPLACED_EVENT_TIMES.contains(timeSource)) {
      eventTimeReplaced.counter(channel, timeSource).increment();
    }
    if (!s.getLanguageSupported()) {
      unsupportedLanguage.counter(channel, s.getFeedback().getLanguage()).increment();
    }
    if (s.getTruncated()) {
      truncated.counter(channel).increment();
    }
    inferenceLatency.record(s.getTimings().getInferenceMicros(), TimeUnit.MICROSECONDS);
    batchSize.record(s.getTimings().getBatchSize());
  }

  @Override
  public void batchStage(BatchStage stage, long nanos) {
    Timer timer = stages.get(stage);
    if (timer != null) {
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    deadLetters.counter(deadLetter.getReason()).increment();
  }

  @Override
  public void duplicate(Feedback duplicate) {
    duplicates.counter(duplicate.getChannel()).increment();
  }

  @Override
  public void alert(SupportAlert alert) {
    alerts.counter(alert.getPriority().name()).increment();
    alert.getReasons().forEach(r -> alertReasons.counter(alert.getChannel(), r.getName()).increment());
  }

  @Override
  public void windowClosed(LabelDistribution window) {
    keepLatest(lastWindow, window.getChannel(), window, this::registerWindowGauges);
  }

  @Override
  public void driftEvent(DriftEvent event) {
    driftEvents.counter(event.getChannel(), event.getKind()).increment();
  }

  /** The figures last published for a channel (its latest labelled window), whatever the model version. */
  @Override
  public void quality(ModelQuality quality) {
    keepLatest(lastQuality, quality.getChannel(), quality, this::registerQualityGauges);
  }

  private void registerQualityGauges(String channel) {
    latestFigure(lastQuality, channel, "feedback.quality.accuracy",
        "Accuracy on the labelled items of the last quality window updated", ModelQuality::getAccuracy);
    latestFigure(lastQuality, channel, "feedback.quality.macro.f1",
        "Macro-F1 on the labelled items of the last quality window updated", ModelQuality::getMacroF1);
    latestFigure(lastQuality, channel, "feedback.quality.estimated.accuracy",
        "Accuracy estimated from the probabilities (CBPE) of the items scored in that window",
        ModelQuality::getEstimatedAccuracy);
    latestFigure(lastQuality, channel, "feedback.quality.labelled", "Labelled items in that window",
        q -> (double) q.getLabelled());
  }

  /** A gauge of a figure of the channel's latest record in {@code latest}: NaN before the first, or without one. */
  private <T> void latestFigure(Map<String, T> latest, String channel, String name, String description,
      Function<T, Double> figure) {
    Gauge.builder(name, latest, last -> {
          T record = last.get(channel);
          Double value = record == null ? null : figure.apply(record);
          return value == null ? Double.NaN : value;
        })
        .description(description)
        .tag("channel", channel)
        .register(bound());
  }

  /** The latest closed window of champion against challenger on a channel, whichever pair of models it counts. */
  @Override
  public void agreementWindow(ModelComparison window) {
    keepLatest(lastAgreement, window.getChannel(), window, this::registerAgreementGauges);
  }

  private void registerAgreementGauges(String channel) {
    latestFigure(lastAgreement, channel, "feedback.model.agreement",
        "Share of items champion and challenger labelled alike, in the channel's last closed comparison window",
        w -> w.getWindow().getAgreement());
    latestFigure(lastAgreement, channel, "feedback.model.kappa",
        "Cohen's kappa of champion and challenger in that window", w -> w.getWindow().getKappa());
    latestFigure(lastAgreement, channel, "feedback.model.compared", "Items both models scored in that window",
        w -> (double) w.getWindow().getN());
  }

  private void registerWindowGauges(String channel) {
    share(channel, "negative", Probabilities::getNegative);
    share(channel, "neutral", Probabilities::getNeutral);
    share(channel, "positive", Probabilities::getPositive);
    drift(channel, "feedback.drift.js", "Jensen-Shannon distance of the last closed window from the reference",
        DriftStatistics::getJensenShannonDistance);
    drift(channel, "feedback.drift.psi", "Population stability index of the last closed window against the reference",
        DriftStatistics::getPsi);
  }

  private void share(String channel, String label, ToDoubleFunction<Probabilities> share) {
    Gauge.builder("feedback.window.share", lastWindow, windows -> {
          LabelDistribution last = windows.get(channel);
          return last == null ? Double.NaN : share.applyAsDouble(last.getShares());
        })
        .description("Share of a label in the channel's last closed window")
        .tag("channel", channel).tag("label", label)
        .register(bound());
  }

  private void drift(String channel, String name, String description, ToDoubleFunction<DriftStatistics> statistic) {
    Gauge.builder(name, lastWindow, windows -> {
          LabelDistribution last = windows.get(channel);
          DriftStatistics drift = last == null ? null : last.getDrift();
          return drift == null ? Double.NaN : statistic.applyAsDouble(drift);
        })
        .description(description)
        .tag("channel", channel)
        .register(bound());
  }

  /** Keeps a channel's latest record for its gauges, registered then if the channel was not known when bound. */
  private <T> void keepLatest(Map<String, T> latest, String channel, T record, Consumer<String> registerGauges) {
    if (latest.put(channel, record) == null && !windowChannels.contains(channel)) {
      registerGauges.accept(channel);
    }
  }

  /** The registry bound to, for the gauges of a channel first seen in a record. */
  private MeterRegistry bound() {
    MeterRegistry bound = registry;
    if (bound == null) {
      throw new IllegalStateException("the service's meters are fed before they are bound to a registry");
    }
    return bound;
  }
}
