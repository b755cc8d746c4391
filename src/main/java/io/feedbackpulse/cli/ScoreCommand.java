package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.SentenceScore;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.explain.Explainer;
import io.feedbackpulse.explain.ExplanationRecords;
import io.feedbackpulse.explain.TextExplanation;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelClosedException;
import io.feedbackpulse.inference.Prediction;
import io.feedbackpulse.inference.Sentiment;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.reasons.ReasonOptions;
import io.feedbackpulse.reasons.ReasonQuery;
import io.feedbackpulse.reasons.ReasonScore;
import io.feedbackpulse.reasons.ReasonScorer;
import io.feedbackpulse.reasons.ReasonTaxonomy;
import io.feedbackpulse.reasons.SentenceEmbedder;
import io.feedbackpulse.web.AvroJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies texts without Kafka. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Classify texts as negative (-1), neutral (0) or positive (1); '-' reads one text a line from stdin.")
public final class ScoreCommand implements Callable<Integer> {
  /** Texts per model call: results do not depend on it; a stop on a signal waits for at most one call. */
  private static final int TEXTS_PER_CALL = 64;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts to score, or - for lines on stdin")
  List<String> texts;

  @Option(names = "--json", description = "Print one JSON object a line")
  boolean json;

  @Option(names = "--explain", description = "Also say why, by occlusion, as alerts do: the top sentences (negative"
      + " probability alone, and its drop when the sentence is left out) and, for texts of at most 40 words, the"
      + " words whose removal lowers the negative probability most; personal data masked")
  boolean explain;

  @Option(names = "--reasons", description = "Also give each text its complaint reasons (README \"Complaint "
      + "reasons\"): up to reasons.top, best first, with their scores, or other; with --explain, its top sentence "
      + "counts too, as on alerts")
  boolean reasons;

  @Option(names = "--taxonomy", paramLabel = "FILE",
      description = "With --reasons: the reason taxonomy (JSON); default: the shipped e-commerce one")
  Path taxonomy;

  @Mixin
  ModelOption model;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<String> inputs = texts.equals(List.of("-")) ? stdinLines() : texts;
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    Optional<ReasonScorer> reasonScorer = reasons ? Optional.of(reasonScorer()) : Optional.empty();
    try {
      return score(inputs, out, mapper, reasonScorer);
    } finally {
      reasonScorer.ifPresent(ReasonScorer::close);
    }
  }

  private ReasonScorer reasonScorer() throws IOException {
    ReasonOptions defaults = ReasonOptions.from(Settings.defaults());
    ReasonTaxonomy reasonTaxonomy = taxonomy == null ? ReasonTaxonomy.defaults() : ReasonTaxonomy.read(taxonomy);
    return ReasonScorer.of(reasonTaxonomy, SentenceEmbedder.bge(InferenceOptions.DEFAULT), defaults);
  }

  private int score(List<String> inputs, PrintWriter out, ObjectMapper mapper, Optional<ReasonScorer> reasonScorer)
      throws IOException {
    // On SIGTERM/SIGINT the hook closes the model: that waits for the call in flight, and the next one throws.
    try (SentimentModel m = model.load(); StopOnSignal signal = StopOnSignal.install("score", m::close)) {
      for (int from = 0; from < inputs.size(); from += TEXTS_PER_CALL) {
        List<String> some = inputs.subList(from, Math.min(inputs.size(), from + TEXTS_PER_CALL));
        List<Prediction> predictions;
        List<Optional<TextExplanation>> explained;
        try {
          predictions = m.predict(some);
          explained = explain ? explain(m, some, predictions) : null;
        } catch (ModelClosedException e) {
          if (!signal.signalled()) {
            throw e;
          }
          out.flush();
          spec.commandLine().getErr().println("score: stopped by a signal after " + from + " of " + inputs.size()
              + " texts");
          return ExitStatus.STOPPED;
        }
        List<Explanation> whys = new ArrayList<>();
        for (int i = 0; i < some.size(); i++) {
          String text = some.get(i);
          whys.add(explained == null ? null : explained.get(i).map(e -> EXPLANATIONS.of(text, e)).orElse(null));
        }
        List<List<ReasonScore>> given = reasonScorer.isEmpty() ? null : reasonScorer.get().reasons(
            IntStream.range(0, some.size()).mapToObj(i -> query(some.get(i), whys.get(i))).toList());
        for (int i = 0; i < some.size(); i++) {
          print(out, mapper, some.get(i), predictions.get(i), m, whys.get(i), given == null ? null : given.get(i));
        }
      }
    }
    out.flush();
    return 0;
  }

  private static final ExplanationRecords EXPLANATIONS = new ExplanationRecords(new PiiRedactor()::redact,
      ExplainOptions.UNBOUNDED.topSentences(), ExplainOptions.UNBOUNDED.topWords());

  /** Throws ModelClosedException on a signal, as predict does. */
  private static List<Optional<TextExplanation>> explain(SentimentModel m, List<String> texts,
      List<Prediction> predictions) {
    return new Explainer(m, ExplainOptions.UNBOUNDED).explain(texts,
        predictions.stream().map(p -> p.probability(Sentiment.NEGATIVE)).toList());
  }

  /** The text, and its explanation's top sentence as alerts use it. */
  private static ReasonQuery query(String text, Explanation why) {
    return new ReasonQuery(text, why == null || why.getSentences().isEmpty() ? Optional.empty()
        : Optional.of(why.getSentences().get(0).getText()));
  }

  private void print(PrintWriter out, ObjectMapper mapper, String text, Prediction p, SentimentModel m,
      Explanation why, List<ReasonScore> given) throws IOException {
    if (json) {
      Map<String, Object> row = toJson(text, p, m);
      if (why != null) {
        row.put("explanation", AvroJson.toMapWithBytes(why));
      }
      if (given != null) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ReasonScore r : given) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("name", r.name());
          entry.put("score", r.score());
          list.add(entry);
        }
        row.put("reasons", list);
      }
      out.println(mapper.writeValueAsString(row));
      return;
    }
    out.printf(Locale.ROOT, "%-8s %2d  neg=%.3f neu=%.3f pos=%.3f  %s%n", p.label().label(), p.label().value(),
        p.probability(Sentiment.NEGATIVE), p.probability(Sentiment.NEUTRAL), p.probability(Sentiment.POSITIVE),
        text);
    if (given != null) {
      out.println("    reasons: " + given.stream()
          .map(r -> String.format(Locale.ROOT, "%s %.3f", r.name(), r.score())).collect(Collectors.joining(", ")));
    }
    if (why != null) {
      for (SentenceScore s : why.getSentences()) {
        out.printf(Locale.ROOT, "    sentence %d: neg alone %.3f, drop without it %s  %s%n", s.getIndex() + 1,
            s.getNegativeAlone(), s.getRemovalDrop() == null ? "-" : String.format(Locale.ROOT, "%+.3f",
                s.getRemovalDrop()), s.getText());
      }
      if (!why.getWords().isEmpty()) {
        out.println("    words: " + why.getWords().stream()
            .map(w -> String.format(Locale.ROOT, "%s %+.3f", w.getWord(), w.getRemovalDrop()))
            .collect(Collectors.joining(", ")));
      }
    }
  }

  private static Map<String, Object> toJson(String text, Prediction p, SentimentModel m) {
    Map<String, Object> probabilities = new LinkedHashMap<>();
    for (Sentiment s : Sentiment.values()) {
      probabilities.put(s.label(), p.probability(s));
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("text", text);
    row.put("label", p.label().value());
    row.put("name", p.label().label());
    row.put("probabilities", probabilities);
    row.put("confidence", p.confidence());
    row.put("tokens", p.tokenCount());
    row.put("chunks", p.chunkCount());
    row.put("model_id", m.lineage().id());
    row.put("model_version", m.lineage().version());
    return row;
  }

  private static List<String> stdinLines() throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
