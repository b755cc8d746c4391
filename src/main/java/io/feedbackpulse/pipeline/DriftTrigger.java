package io.feedbackpulse.pipeline;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.drift.DriftEvents;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When {@code pipeline watch} starts a run on an event of {@code sentiment.drift} ({@code pipeline.trigger.events}):
 * a live-quality drop of the champion itself (kind quality, about the champion's model id: a challenger's drop says
 * nothing of what serves), or label drift (kind label), on one of the watched channels, published after the later
 * of the champion's registration and the newest run's start. Counting from the newest run keeps one event from
 * starting run after run.
 */
public final class DriftTrigger {
  /** The kinds of event that may start a run. */
  public static final List<String> KINDS = List.of(DriftEvents.QUALITY, DriftEvents.LABEL);

  /** An event and when it was published (its record's timestamp). */
  public record Observed(Instant at, DriftEvent event) {}

  private final Set<String> kinds;

  /** @param kinds {@code pipeline.trigger.events}: some of {@link #KINDS}; none turns this trigger off */
  public DriftTrigger(List<String> kinds) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String kind : kinds) {
      String k = kind.trim().toLowerCase(Locale.ROOT);
      if (!KINDS.contains(k)) {
        throw new SettingsException("pipeline.trigger.events must name kinds of " + String.join(" or ", KINDS)
            + " (comma-separated; empty: none), got '" + kind + "'");
      }
      chosen.add(k);
    }
    this.kinds = Set.copyOf(chosen);
  }

  /** Whether any kind is on: when none is, {@code sentiment.drift} need not be read. */
  public boolean enabled() {
    return !kinds.isEmpty();
  }

  /**
   * Why a run starts now, in words, after the kind's name ({@code quality: ...} or {@code drift: ...}); empty when no
   * event of a chosen kind for the champion and the channels came after {@code since}.
   *
   * @param channels the watched channels; empty: all, the channel {@code all} included
   */
  public Optional<String> fire(List<Observed> events, Optional<ModelManifest> champion, List<String> channels,
      Instant since) {
    List<Observed> fresh = events.stream()
        .filter(o -> o.at().isAfter(since))
        .filter(o -> channels.isEmpty() || channels.contains(o.event().getChannel()))
        .filter(o -> kinds.contains(o.event().getKind()))
        .filter(o -> !o.event().getKind().equals(DriftEvents.QUALITY) || aboutChampion(o.event(), champion))
        .sorted(Comparator.comparing(Observed::at))
        .toList();
    if (fresh.isEmpty()) {
      return Optional.empty();
    }
    Observed first = fresh.get(0);
    String more = fresh.size() > 1 ? " (and " + (fresh.size() - 1) + " more since " + since + ")"
        : " (since " + since + ")";
    return Optional.of(describe(first, champion) + more);
  }

  /** A quality event names the model it measured in its reference: {@code baseline:<model id>}. */
  private static boolean aboutChampion(DriftEvent event, Optional<ModelManifest> champion) {
    String reference = event.getReference();
    return champion.map(c -> reference.equals("baseline:" + c.getModelId())
        || (c.getFp32ModelId() != null && reference.equals("baseline:" + c.getFp32ModelId()))).orElse(false);
  }

  private static String describe(Observed o, Optional<ModelManifest> champion) {
    DriftEvent e = o.event();
    String window = e.getWindowStart() + ".." + e.getWindowEnd();
    if (e.getKind().equals(DriftEvents.QUALITY)) {
      return String.format(Locale.ROOT, "quality: champion %s's macro-F1 %.4f on %s fell below %.4f "
          + "(window %s, %d labelled items; event at %s)", champion.map(ModelManifest::getVersion).orElse("?"),
          e.getValue(), e.getChannel(), e.getThreshold(), window, e.getTotal(), o.at());
    }
    return String.format(Locale.ROOT, "drift: label drift on %s, %s %.4f against threshold %.4f (window %s, %d items; "
        + "event at %s)", e.getChannel(), e.getStatistic(), e.getValue(), e.getThreshold(), window, e.getTotal(),
        o.at());
  }
}
