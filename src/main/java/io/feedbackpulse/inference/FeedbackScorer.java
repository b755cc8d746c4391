package io.feedbackpulse.inference;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.Timings;
import io.feedbackpulse.ingest.LanguageIdentifier.Part;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Scores canonical feedback with the model in one call and stamps each result with lineage and timings. */
public final class FeedbackScorer implements BatchScorer {
  private final SentimentModel model;
  private final Clock clock;
  private final ModelInfo modelInfo;
  private final UnaryOperator<Feedback> published;
  private final ModelLanguages languages;
  private final StageTimings timings;

  public FeedbackScorer(SentimentModel model, Clock clock) {
    this(model, clock, UnaryOperator.identity(), ModelLanguages.ENGLISH);
  }

  /**
   * @param published applied to the item as the result carries it, after scoring (PII masking)
   * @param languages the languages the model reads; an item in another is scored on its sentences in one the model
   *     reads when they make a meaningful part of it, else on its whole text and marked unsupported
   */
  public FeedbackScorer(SentimentModel model, Clock clock, UnaryOperator<Feedback> published,
      ModelLanguages languages) {
    this(model, clock, published, languages, StageTimings.NONE);
  }

  /** @param timings told how long each batch's tokenizing and model call took */
  public FeedbackScorer(SentimentModel model, Clock clock, UnaryOperator<Feedback> published,
      ModelLanguages languages, StageTimings timings) {
    this.timings = timings;
    this.model = model;
    this.clock = clock;
    this.modelInfo = new ModelInfo(model.lineage().id(), model.lineage().version());
    this.published = published;
    this.languages = languages;
  }

  @Override
  public List<ScoredFeedback> score(List<Feedback> items, List<Long> arrivedAtMillis) {
    List<Optional<Part>> parts = items.stream().map(this::partRead).toList();
    List<String> texts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      texts.add(parts.get(i).map(Part::text).orElse(items.get(i).getText()));
    }
    long start = System.nanoTime();
    long calledAt = clock.millis();
    List<Prediction> predictions = model.predict(texts, timings);
    long micros = (System.nanoTime() - start) / 1000;
    List<ScoredFeedback> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Prediction p = predictions.get(i);
      Optional<Part> part = parts.get(i);
      out.add(ScoredFeedback.newBuilder()
          .setFeedback(published.apply(items.get(i)))
          .setLabel(p.label().value())
          .setLabelName(p.label().label())
          .setProbabilities(new Probabilities(p.probability(Sentiment.NEGATIVE), p.probability(Sentiment.NEUTRAL),
              p.probability(Sentiment.POSITIVE)))
          .setConfidence(p.confidence())
          .setTokenCount(p.tokenCount())
          .setChunkCount(p.chunkCount())
          .setTruncated(p.truncated())
          .setLanguageSupported(languages.reads(items.get(i).getLanguage()) || part.isPresent())
          .setScoredPartLanguage(part.map(Part::language).orElse(null))
          .setModel(modelInfo)
          .setTimings(Timings.newBuilder()
              .setScoredAt(clock.instant())
              .setInferenceMicros(micros)
              .setBatchSize(items.size())
              .setQueuedMillis(Math.max(0, calledAt - arrivedAtMillis.get(i)))
              .build())
          .build());
    }
    return out;
  }

  @Override
  public int cost(Feedback item) {
    return model.cost(item.getText());
  }

  @Override
  public String textRead(Feedback item) {
    return partRead(item).map(Part::text).orElse(item.getText());
  }

  private Optional<Part> partRead(Feedback item) {
    return languages.partRead(item.getText(), item.getLanguage());
  }

  public ScoredFeedback score(Feedback item) {
    return score(List.of(item), List.of(clock.millis())).get(0);
  }
}
