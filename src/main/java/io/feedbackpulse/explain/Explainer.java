package io.feedbackpulse.explain;

import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains the model's negative verdicts by occlusion: each sentence scored alone, the text scored without each
 * sentence, and for texts of at most {@link ExplainOptions#maxWords()} words the text without each word. All
 * texts of all items go to the model in one {@link SentimentModel#predict(List)} call, the call the batch step
 * scores with (run, like it, in ONNX Runtime calls of {@code model.batch-size} rows), so explaining a batch's
 * alerts is one more model call per batch. A text is occluded as the model reads it, all its windows included.
 *
 * <p>That call's work is bounded in model tokens, what {@link SentimentModel#cost} counts, by the budget the
 * caller gives (the batch step: what the batch's scoring left of {@code batch.max-tokens}, at most
 * {@link ExplainOptions#maxTokens()}). The budget goes first to the sentences alone of every item, in
 * order (cheap: about the text's own tokens), then to the occlusions (a sentence's removal costs about the whole
 * text again, per sentence; a word's the same, per word), so a long text or a crowded batch gets a shallower
 * explanation rather than none, and an item whose sentences alone do not fit gets none.
 */
public final class Explainer {
  private final SentimentModel model;
  private final ExplainOptions options;

  public Explainer(SentimentModel model, ExplainOptions options) {
    this.model = model;
    this.options = options;
  }

  public ExplainOptions options() {
    return options;
  }

  /**
   * @param texts the texts as the model scored them
   * @param negative the negative probability the model gave each whole text
   * @return for each text its explanation, or empty when the budget did not reach it
   */
  public List<Optional<TextExplanation>> explain(List<String> texts, List<Double> negative) {
    return explain(texts, negative, options.maxTokens());
  }

  /**
   * @param budget model tokens the explanations may cost together; {@link ExplainOptions#maxTokens()} caps it
   */
  public List<Optional<TextExplanation>> explain(List<String> texts, List<Double> negative, int budget) {
    Map<String, Integer> costs = new HashMap<>();
    budget = Math.min(budget, options.maxTokens());
    List<Plan> plans = new ArrayList<>(texts.size());
    for (String text : texts) {
      Plan plan = new Plan(text, options.maxWords());
      int cost = cost(plan.alone(), costs);
      if (cost <= budget) {
        budget -= cost;
        plan.tokens = cost;
        plan.explained = true;
      }
      plans.add(plan);
    }
    for (Plan plan : plans) {
      if (!plan.explained) {
        continue;
      }
      int cost = cost(plan.withoutSentences(), costs);
      if (cost <= budget) {
        budget -= cost;
        plan.tokens += cost;
        plan.sentenceOcclusion = true;
      }
      if (!plan.words.isEmpty()) {
        int wordsCost = cost(plan.withoutWords(), costs);
        if (wordsCost <= budget) {
          budget -= wordsCost;
          plan.tokens += wordsCost;
          plan.wordOcclusion = true;
        }
      }
    }
    Map<String, Double> scored = negativeOf(plans);
    List<Optional<TextExplanation>> out = new ArrayList<>(texts.size());
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      out.add(plan.explained ? Optional.of(plan.explanation(negative.get(i), scored)) : Optional.empty());
    }
    return out;
  }

  /** The one model call: every distinct text the plans need. */
  private Map<String, Double> negativeOf(List<Plan> plans) {
    LinkedHashMap<String, Double> distinct = new LinkedHashMap<>();
    for (Plan plan : plans) {
      plan.needed().forEach(t -> distinct.put(t, Double.NaN));
    }
    if (distinct.isEmpty()) {
      return distinct;
    }
    List<String> keys = new ArrayList<>(distinct.keySet());
    List<Prediction> predictions = model.predict(keys);
    for (int i = 0; i < keys.size(); i++) {
      distinct.put(keys.get(i), predictions.get(i).probability(Sentiment.NEGATIVE));
    }
    return distinct;
  }

  private int cost(List<String> texts, Map<String, Integer> costs) {
    long sum = 0;
    for (String t : texts) {
      sum += costs.computeIfAbsent(t, model::cost);
    }
    return (int) Math.min(Integer.MAX_VALUE, sum);
  }

  /** The occluded texts of one item, and how far the budget let it go. */
  private static final class Plan {
    private final String text;
    private final List<TextParts.Span> sentences;
    private final List<TextParts.Span> words;
    private final int wordCount;
    private boolean explained;
    private boolean sentenceOcclusion;
    private boolean wordOcclusion;
    private int tokens;

    Plan(String text, int maxWords) {
      this.text = text;
      this.sentences = TextParts.sentences(text);
      List<TextParts.Span> all = TextParts.words(text);
      this.wordCount = all.size();
      this.words = all.size() <= maxWords ? all : List.of();
    }

    /** A text of one sentence is its own sentence alone: the scoring call already scored it. */
    List<String> alone() {
      return sentences.size() == 1 ? List.of() : sentences.stream().map(s -> s.of(text)).toList();
    }

    List<String> withoutSentences() {
      return sentences.stream().map(s -> s.removedFrom(text)).toList();
    }

    List<String> withoutWords() {
      return words.stream().map(w -> w.removedFrom(text)).toList();
    }

    List<String> needed() {
      if (!explained) {
        return List.of();
      }
      List<String> all = new ArrayList<>(alone());
      if (sentenceOcclusion) {
        all.addAll(withoutSentences());
      }
      if (wordOcclusion) {
        all.addAll(withoutWords());
      }
      return all;
    }

    TextExplanation explanation(double negative, Map<String, Double> scored) {
      List<TextExplanation.Sentence> s = new ArrayList<>(sentences.size());
      for (int i = 0; i < sentences.size(); i++) {
        TextParts.Span span = sentences.get(i);
        double alone = sentences.size() == 1 ? negative : scored.get(span.of(text));
        double drop = sentenceOcclusion ? negative - scored.get(span.removedFrom(text)) : Double.NaN;
        s.add(new TextExplanation.Sentence(i, span.of(text), alone, drop));
      }
      List<TextExplanation.Word> w = new ArrayList<>();
      if (wordOcclusion) {
        for (TextParts.Span span : words) {
          w.add(new TextExplanation.Word(span.of(text), negative - scored.get(span.removedFrom(text))));
        }
      }
      return new TextExplanation(negative, s, w, wordCount, sentenceOcclusion, wordOcclusion, tokens);
    }
  }
}
