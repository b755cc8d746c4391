package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.quality.DatasetCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labelled items a run trains on, written once as the CSV {@code dataset export} writes, with the SHA-256 of
 * its bytes (as an evaluation set's hash is taken) and its label counts, overall and per channel: what the run's lineage names as its data.
 */
public record Snapshot(Path file, String hash, int rows, Map<Integer, Long> labelCounts,
    Map<String, Map<Integer, Long>> labelCountsByChannel) {

  public static Snapshot write(List<LabelledFeedback> items, Path file, DatasetCsv csv) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      csv.write(items, writer);
    }
    Map<Integer, Long> counts = new TreeMap<>();
    Map<String, Map<Integer, Long>> byChannel = new TreeMap<>();
    for (LabelledFeedback item : items) {
      counts.merge(item.getLabel(), 1L, Long::sum);
      byChannel.computeIfAbsent(item.getChannel(), c -> new TreeMap<>()).merge(item.getLabel(), 1L, Long::sum);
    }
    return new Snapshot(file, EvalSet.read(file).hash(), items.size(), counts, byChannel);
  }

  /** The step's outputs: hash, rows, {@code label.<value>} and {@code <channel>.label.<value>} counts. */
  public Map<String, String> outputs() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("file", file.toString());
    out.put("sha256", hash);
    out.put("rows", Integer.toString(rows));
    labelCounts.forEach((label, n) -> out.put("label." + label, Long.toString(n)));
    labelCountsByChannel.forEach((channel, counts) ->
        counts.forEach((label, n) -> out.put(channel + ".label." + label, Long.toString(n))));
    return out;
  }
}
