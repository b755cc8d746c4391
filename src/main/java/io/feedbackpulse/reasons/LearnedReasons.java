package io.feedbackpulse.reasons;

import io.feedbackpulse.avro.LabelledFeedback;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reasons people gave labelled items, as examples of the running scorer, next to the taxonomy file's own: each
 * item's newest label counts (a relabel moves the item to its new reason, or out when it names none the taxonomy
 * has), and each reason keeps its {@code perReason} newest examples by labelling time, so every instance keeps the
 * same ones whatever order it read them in. An example is embedded when it becomes one of those kept and not again
 * while it stays; scoring reads the embeddings of the last {@link #learn}, published as one immutable list.
 */
public final class LearnedReasons {
  private static final Logger log = LoggerFactory.getLogger(LearnedReasons.class);
  private static final Comparator<Example> NEWEST_FIRST =
      Comparator.comparingLong(Example::labeledAt).reversed().thenComparing(Example::id);

  /** A labelled item whose label gave a reason of the taxonomy. */
  record Example(String id, String reason, String text, long labeledAt) {
    /** What its embedding depends on: a relabel that keeps the item's text keeps its embedding. */
    Text embeddable() {
      return new Text(id, text);
    }
  }

  private record Text(String id, String text) {}

  private final List<String> names;
  private final int perReason;
  private final Function<List<String>, List<float[]>> embed;
  private final Map<String, Example> byId = new HashMap<>();
  private final Map<String, TreeSet<Example>> byReason = new LinkedHashMap<>();
  private final Map<Text, float[]> embedded = new HashMap<>();
  /** Per reason, in the taxonomy's order: the embeddings of its kept examples. */
  private volatile List<float[][]> anchors;

  /**
   * @param names the taxonomy's reasons, in its order
   * @param perReason the most examples a reason keeps ({@code reasons.learned-per-reason}); 0 keeps none
   * @param embed unit-length embeddings of texts, as the scorer's anchors are made
   */
  public LearnedReasons(List<String> names, int perReason, Function<List<String>, List<float[]>> embed) {
    this.names = List.copyOf(names);
    this.perReason = perReason;
    this.embed = embed;
    names.forEach(n -> byReason.put(n, new TreeSet<>(NEWEST_FIRST)));
    this.anchors = names.stream().map(n -> new float[0][]).toList();
  }

  /** Learns from labelled items as feedback.labelled carries them (text masked), each the newest of its id. */
  public synchronized void learn(List<LabelledFeedback> labelled) {
    for (LabelledFeedback item : labelled) {
      Example before = byId.remove(item.getId());
      if (before != null) {
        byReason.get(before.reason()).remove(before);
      }
      String reason = item.getReason();
      if (reason != null && byReason.containsKey(reason)) {
        Example example = new Example(item.getId(), reason, item.getText(), item.getLabeledAt().toEpochMilli());
        byId.put(example.id(), example);
        byReason.get(reason).add(example);
      }
    }
    publish();
  }

  /** Embeds the examples that have just become kept, forgets those no longer kept, and publishes the rest. */
  private void publish() {
    Set<Text> kept = new HashSet<>();
    byReason.values().forEach(examples -> examples.stream().limit(perReason).map(Example::embeddable)
        .forEach(kept::add));
    embedded.keySet().retainAll(kept);
    List<Text> fresh = kept.stream().filter(t -> !embedded.containsKey(t)).toList();
    if (!fresh.isEmpty()) {
      try {
        List<float[]> vectors = embed.apply(fresh.stream().map(Text::text).toList());
        for (int i = 0; i < fresh.size(); i++) {
          embedded.put(fresh.get(i), vectors.get(i));
        }
      } catch (RuntimeException e) {
        // not the labels' fault: they are embedded at the next learn
        log.warn("Could not embed {} labelled reason examples; scoring goes on without them: {}", fresh.size(),
            e.toString());
      }
    }
    List<float[][]> out = new ArrayList<>(names.size());
    for (String name : names) {
      out.add(byReason.get(name).stream().limit(perReason).map(e -> embedded.get(e.embeddable()))
          .filter(v -> v != null)
          .toArray(float[][]::new));
    }
    anchors = List.copyOf(out);
  }

  /** Per reason, in the taxonomy's order, the embeddings of its learned examples (none while none is learned). */
  List<float[][]> anchors() {
    return anchors;
  }

  /** The texts a reason keeps as examples, newest first. */
  public synchronized List<String> examples(String reason) {
    TreeSet<Example> examples = byReason.get(reason);
    return examples == null ? List.of()
        : examples.stream().limit(perReason).filter(e -> embedded.containsKey(e.embeddable()))
            .map(Example::text).toList();
  }
}
