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
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.ingest.EventTimeSource;
import io.feedbackpulse.drift.DriftEvents;
import io.feedbackpulse.streams.DeadLetters;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.streams.TopologyObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The service's own meters, fed by the topology: items scored, model-call latency and batch size,
 * dead letters, duplicates dropped, alerts, and per channel the label shares and drift statistics of the last
 * closed window. The counters count attempts: under exactly-once a record of an aborted transaction is counted
 * again when it is processed again. {@link CommittedOutputMetrics} counts what was committed.
 *
 * <p>Every counter a dashboard shows is registered at 0 when the service starts (each channel and label, dead-letter
 * reason, alert priority and drift event kind), so that a dashboard sees 0 rather than no data until the first such
 * record; the window gauges are there from the start too, NaN until the channel's first window closes.
 */
public final class ServiceMetrics implements TopologyObserver {
  private static final Set<String> REPLACED_EVENT_TIMES = Set.of(
      EventTimeSource.RECORD_TIMESTAMP_PAYLOAD_OUT_OF_RANGE.code(), EventTimeSource.WALL_CLOCK.code());
  private final MeterRegistry registry;
  private final Timer inferenceLatency;
  private final DistributionSummary batchSize;
  private final Map<String, LabelDistribution> lastWindow = new ConcurrentHashMap<>();
  private final Map<String, ModelQuality> lastQuality = new ConcurrentHashMap<>();
  private final Map<String, ModelComparison> lastAgreement = new ConcurrentHashMap<>();

  /** @param channels the names of the channels the service reads */
  public ServiceMetrics(MeterRegistry registry, List<String> channels) {
    this.registry = registry;
    this.inferenceLatency = Timer.builder("feedback.inference.latency")
        .description("Wall time of the model call that scored each item")
        .publishPercentileHistogram()
        .register(registry);
    this.batchSize = DistributionSummary.builder("feedback.inference.batch.size")
        .description("Items in the model call that scored each item")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
        .register(registry);
    for (String channel : channels) {
      for (Sentiment label : Sentiment.values()) {
        scored(channel, label.label());
      }
      REPLACED_EVENT_TIMES.forEach(source -> eventTimeReplaced(channel, source));
      truncated(channel);
      duplicates(channel);
    }
    DeadLetters.REASONS.forEach(this::deadLetters);
    Arrays.stream(AlertPriority.values()).forEach(this::alerts);
    List<String> windowChannels = new ArrayList<>(channels);
    windowChannels.add(TopicNames.ALL_CHANNELS);
    for (String channel : windowChannels) {
      registerWindowGauges(channel);
      registerQualityGauges(channel);
      registerAgreementGauges(channel);
      DriftEvents.KINDS.forEach(kind -> driftEvents(channel, kind));
    }
  }

  @Override
  public void scored(ScoredFeedback s) {
    String channel = s.getFeedback().getChannel();
    scored(channel, s.getLabelName()).increment();
    String timeSource = s.getFeedback().getEventTimeSource();
    if (REPLACED_EVENT_TIMES.contains(timeSource)) {
      eventTimeReplaced(channel, timeSource).increment();
    }
    if (!s.getLanguageSupported()) {
      Counter.builder("feedback.unsupported.language")
          .description("Items in a language the model does not read (model.languages): scored, but neither alerted nor counted in windows")
          .tag("channel", s.getFeedback().getChannel()).tag("language", s.getFeedback().getLanguage())
          .register(registry).increment();
    }
    if (s.getTruncated()) {
      truncated(channel).increment();
    }
    inferenceLatency.record(s.getTimings().getInferenceMicros(), TimeUnit.MICROSECONDS);
    batchSize.record(s.getTimings().getBatchSize());
  }

  @Override
  public void deadLetter(DeadLetter deadLetter) {
    deadLetters(deadLetter.getReason()).increment();
  }

  @Override
  public void duplicate(Feedback duplicate) {
    duplicates(duplicate.getChannel()).increment();
  }

  @Override
  public void alert(SupportAlert alert) {
    alerts(alert.getPriority()).increment();
  }

  // Each counter is registered once (at start, see the constructor); later calls find the same one.
  private Counter scored(String channel, String label) {
    return Counter.builder("feedback.scored").description("Feedback items scored (attempts; see feedback.committed.scored)")
        .tag("channel", channel).tag("label", label).register(registry);
  }

  private Counter eventTimeReplaced(String channel, String source) {
    return Counter.builder("feedback.event.time.replaced")
        .description("Items whose own time was out of range (time.max-future-skew, time.min-event-time), by what replaced it")
        .tag("channel", channel).tag("source", source).register(registry);
  }

  private Counter truncated(String channel) {
    return Counter.builder("feedback.truncated").description("Items longer than the model reads (model.max-windows)")
        .tag("channel", channel).register(registry);
  }

  private Counter duplicates(String channel) {
    return Counter.builder("feedback.duplicates").description("Copies of items seen within dedupe.window, dropped unscored")
        .tag("channel", channel).register(registry);
  }

  private Counter deadLetters(String reason) {
    return Counter.builder("feedback.dead.letters").description("Records sent to the dead-letter topic")
        .tag("reason", reason).register(registry);
  }

  /** Tagged with the priority as the alert records spell it: {@code LOW}, {@code MEDIUM}, {@code HIGH}. */
  private Counter alerts(AlertPriority priority) {
    return Counter.builder("feedback.alerts").description("Support alerts raised")
        .tag("priority", priority.name()).register(registry);
  }

  @Override
  public void windowClosed(LabelDistribution window) {
    if (lastWindow.put(window.getChannel(), window) == null) {
      registerWindowGauges(window.getChannel());
    }
  }

  @Override
  public void driftEvent(DriftEvent event) {
    driftEvents(event.getChannel(), event.getKind()).increment();
  }

  private Counter driftEvents(String channel, String kind) {
    return Counter.builder("feedback.drift.events").description("Drift events raised (sentiment.drift), by channel and kind")
        .tag("channel", channel).tag("kind", kind).register(registry);
  }

  /** The figures last published for a channel (its latest labelled window), whatever the model version. */
  @Override
  public void quality(ModelQuality quality) {
    if (lastQuality.put(quality.getChannel(), quality) == null) {
      registerQualityGauges(quality.getChannel());
    }
  }

  private void registerQualityGauges(String channel) {
    quality(channel, "feedback.quality.accuracy", "Accuracy on the labelled items of the last quality window updated",
        ModelQuality::getAccuracy);
    quality(channel, "feedback.quality.macro.f1", "Macro-F1 on the labelled items of the last quality window updated",
        ModelQuality::getMacroF1);
    quality(channel, "feedback.quality.estimated.accuracy",
        "Accuracy estimated from the probabilities (CBPE) of the items scored in that window",
        ModelQuality::getEstimatedAccuracy);
    quality(channel, "feedback.quality.labelled", "Labelled items in that window", q -> (double) q.getLabelled());
  }

  private void quality(String channel, String name, String description, Function<ModelQuality, Double> figure) {
    Gauge.builder(name, lastQuality, last -> {
          ModelQuality latest = last.get(channel);
          Double value = latest == null ? null : figure.apply(latest);
          return value == null ? Double.NaN : value;
        })
        .description(description)
        .tag("channel", channel)
        .register(registry);
  }

  /** The latest closed window of champion against challenger on a channel, whichever pair of models it counts. */
  @Override
  public void agreementWindow(ModelComparison window) {
    if (lastAgreement.put(window.getChannel(), window) == null) {
      registerAgreementGauges(window.getChannel());
    }
  }

  private void registerAgreementGauges(String channel) {
    agreement(channel, "feedback.model.agreement",
        "Share of items champion and challenger labelled alike, in the channel's last closed comparison window",
        w -> w.getWindow().getAgreement());
    agreement(channel, "feedback.model.kappa", "Cohen's kappa of champion and challenger in that window",
        w -> w.getWindow().getKappa());
    agreement(channel, "feedback.model.compared", "Items both models scored in that window",
        w -> (double) w.getWindow().getN());
  }

  private void agreement(String channel, String name, String description, Function<ModelComparison, Double> figure) {
    Gauge.builder(name, lastAgreement, last -> {
          ModelComparison latest = last.get(channel);
          Double value = latest == null ? null : figure.apply(latest);
          return value == null ? Double.NaN : value;
        })
        .description(description)
        .tag("channel", channel)
        .register(registry);
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
        .register(registry);
  }

  private void drift(String channel, String name, String description, ToDoubleFunction<DriftStatistics> statistic) {
    Gauge.builder(name, lastWindow, windows -> {
          LabelDistribution last = windows.get(channel);
          DriftStatistics drift = last == null ? null : last.getDrift();
          return drift == null ? Double.NaN : statistic.applyAsDouble(drift);
        })
        .description(description)
        .tag("channel", channel)
        .register(registry);
  }
}
