package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.inference.Sentiment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gate between the snapshot and training: enough rows, every label present, no id twice, no empty text. Beside
 * the verdict, a pre-training report per channel in the terms of SageMaker Clarify's pre-training bias metrics,
 * each channel taken as the facet against the other channels: its label shares, class imbalance
 * {@code CI = (n_rest - n_channel) / (n_rest + n_channel)} and the difference in positive-label proportions
 * {@code DPL = q_rest - q_channel}. The report informs; only the checks refuse.
 */
public final class DataChecks {
  private final int minRows;

  /** @param minRows {@code pipeline.checks.min-rows} */
  public DataChecks(int minRows) {
    this.minRows = minRows;
  }

  /** What the checks found: the failures (empty when the data passed) and the report, as the step's outputs. */
  public record Result(List<String> failures, Map<String, String> report) {
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  public Result check(List<LabelledFeedback> items) {
    List<String> failures = new ArrayList<>();
    if (items.size() < minRows) {
      failures.add(items.size() + " rows, below pipeline.checks.min-rows " + minRows);
    }
    Map<Integer, Long> counts = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    int empty = 0;
    for (LabelledFeedback item : items) {
      counts.merge(item.getLabel(), 1L, Long::sum);
      if (!ids.add(item.getId())) {
        duplicates.add(item.getId());
      }
      if (item.getText() == null || item.getText().isBlank()) {
        empty++;
      }
    }
    List<String> missing = new ArrayList<>();
    for (Sentiment s : Sentiment.values()) {
      if (!counts.containsKey(s.value())) {
        missing.add(s.label() + " (" + s.value() + ")");
      }
    }
    if (!missing.isEmpty()) {
      failures.add("no items labelled " + String.join(", ", missing));
    }
    if (!duplicates.isEmpty()) {
      failures.add(duplicates.size() + " ids more than once, first " + duplicates.get(0));
    }
    if (empty > 0) {
      failures.add(empty + " items with an empty text");
    }
    return new Result(failures, report(items));
  }

  private static Map<String, String> report(List<LabelledFeedback> items) {
    Map<String, int[]> byChannel = new TreeMap<>();
    int[] all = new int[3];
    for (LabelledFeedback item : items) {
      int index = Sentiment.ofValue(item.getLabel()).index();
      byChannel.computeIfAbsent(item.getChannel(), c -> new int[3])[index]++;
      all[index]++;
    }
    Map<String, String> out = new LinkedHashMap<>();
    int total = sum(all);
    byChannel.forEach((channel, counts) -> {
      int n = sum(counts);
      int[] rest = {all[0] - counts[0], all[1] - counts[1], all[2] - counts[2]};
      int nRest = sum(rest);
      for (Sentiment s : Sentiment.values()) {
        out.put(channel + ".share." + s.label(), decimal((double) counts[s.index()] / n));
      }
      out.put(channel + ".class_imbalance", decimal((double) (nRest - n) / total));
      int positive = Sentiment.POSITIVE.index();
      out.put(channel + ".dpl_positive", nRest == 0 ? "n/a (no other channel)"
          : decimal((double) rest[positive] / nRest - (double) counts[positive] / n));
    });
    return out;
  }

  private static int sum(int[] counts) {
    return counts[0] + counts[1] + counts[2];
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
