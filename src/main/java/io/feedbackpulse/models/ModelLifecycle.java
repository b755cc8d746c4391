package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.avro.StageChange;
import io.feedbackpulse.models.Transition.Changed;
import io.feedbackpulse.models.Transition.Refused;
import io.feedbackpulse.models.Transition.Unchanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The stages of a model version, as functions from the registry as it is to the manifests to write. At most one
 * champion and one challenger. A champion that another version replaces goes back to candidate (history entry
 * {@code demoted}), not to archived: it stays the target of {@code rollback}, which makes it champion again and
 * sends the current champion back to candidate. Archived is for versions retired on purpose: never loaded, never
 * a rollback target, though shadow, canary or promote can bring one back. Every change appends a {@link
 * StageChange} saying who, when, which command and, for a promotion, what the gate found.
 */
public final class ModelLifecycle {
  static final String DEMOTED = "demoted";

  /** Who makes a change, and when. */
  public record Actor(String by, Instant at) {
    public static Actor currentUser() {
      return new Actor(System.getProperty("user.name", "unknown"), Instant.now());
    }
  }

  private final ModelRegistry registry;
  private final Actor actor;

  public ModelLifecycle(ModelRegistry registry, Actor actor) {
    this.registry = registry;
    this.actor = actor;
  }

  /** A new version, as a candidate; the same model under the same version again is no change. */
  public Transition register(ModelManifest proposed) {
    Optional<ModelManifest> existing = registry.version(proposed.getVersion());
    if (existing.isPresent()) {
      return existing.get().getModelId().equals(proposed.getModelId())
          ? new Unchanged("version " + proposed.getVersion() + " is already registered as "
              + proposed.getModelId() + " (" + existing.get().getStage() + ")")
          : new Refused("version " + proposed.getVersion() + " is already registered with model id "
              + existing.get().getModelId() + ", not " + proposed.getModelId() + "; register it under another"
              + " --version");
    }
    Optional<ModelManifest> sameModel = registry.byModelId(proposed.getModelId());
    if (sameModel.isPresent()) {
      return new Refused("model " + proposed.getModelId() + " is already registered as version "
          + sameModel.get().getVersion());
    }
    ModelManifest candidate = change(ModelManifest.newBuilder(proposed).setHistory(List.of())
        .setRegisteredBy(actor.by()).setRegisteredAt(actor.at()).build(), ModelStage.candidate, 0.0, "register",
        false, null).build();
    return new Changed(List.of(candidate), "registered " + proposed.getVersion() + " (" + proposed.getModelId()
        + ") as a candidate");
  }

  /** The version becomes the challenger, scored beside the champion and not served. */
  public Transition shadow(String version) {
    return challenge(version, 0.0, "shadow");
  }

  /** The version becomes the challenger and serves {@code share} of the items. */
  public Transition canary(String version, double share) {
    if (!(share > 0.0 && share < 1.0)) {
      return new Refused("a canary share must be above 0 and below 1, got " + share
          + " (0 is models shadow, 1 is models promote)");
    }
    return challenge(version, share, "canary");
  }

  private Transition challenge(String version, double share, String command) {
    Optional<ModelManifest> found = registry.version(version);
    if (found.isEmpty()) {
      return unknown(version);
    }
    ModelManifest m = found.get();
    if (m.getStage() == ModelStage.champion) {
      return new Refused(version + " is the champion; a challenger is another version");
    }
    Optional<ModelManifest> champion = registry.champion();
    if (champion.isEmpty()) {
      return new Refused("there is no champion to compare " + version + " with; promote a version first");
    }
    if (m.getStage() == ModelStage.challenger && m.getTrafficShare() == share) {
      return new Unchanged(version + " already is the challenger" + describeShare(share));
    }
    List<ModelManifest> writes = new ArrayList<>();
    registry.challenger().filter(c -> !c.getVersion().equals(version))
        .ifPresent(c -> writes.add(change(c, ModelStage.candidate, 0.0, DEMOTED, false, null).build()));
    writes.add(change(m, ModelStage.challenger, share, command, false, null).build());
    return new Changed(writes, version + " is the challenger" + describeShare(share) + " beside champion "
        + champion.get().getVersion() + (writes.size() > 1 ? "; " + writes.get(0).getVersion()
        + " went back to candidate" : ""));
  }

  /**
   * The version becomes the champion if the gate allows it; the champion it replaces goes back to candidate and
   * is remembered as the new champion's previous one.
   */
  public Transition promote(String version, GateVerdict gate) {
    Optional<ModelManifest> found = registry.version(version);
    if (found.isEmpty()) {
      return unknown(version);
    }
    if (found.get().getStage() == ModelStage.champion) {
      return new Unchanged(version + " already is the champion");
    }
    if (!gate.allowsPromotion()) {
      return new Refused("not promoting " + version + ": the gate " + gate.text());
    }
    Optional<ModelManifest> old = registry.champion();
    List<ModelManifest> writes = new ArrayList<>();
    old.ifPresent(c -> writes.add(change(c, ModelStage.candidate, 0.0, DEMOTED, false, null).build()));
    writes.add(change(found.get(), ModelStage.champion, 0.0, "promote", gate.forced(), gate.text())
        .setPreviousChampion(old.map(ModelManifest::getVersion).orElse(null)).build());
    return new Changed(writes, version + " is the champion"
        + old.map(c -> " (was " + c.getVersion() + ")").orElse("") + "; gate " + gate.text());
  }

  /** The previous champion is champion again; the current one goes back to candidate. */
  public Transition rollback() {
    Optional<ModelManifest> champion = registry.champion();
    if (champion.isEmpty()) {
      return new Refused("there is no champion to roll back");
    }
    String previous = champion.get().getPreviousChampion();
    if (previous == null) {
      return new Refused("champion " + champion.get().getVersion() + " replaced no earlier champion: nothing to"
          + " roll back to");
    }
    Optional<ModelManifest> restored = registry.version(previous);
    if (restored.isEmpty()) {
      return unknown(previous);
    }
    if (restored.get().getStage() == ModelStage.archived) {
      return new Refused("the previous champion " + previous + " was archived; promote a version instead");
    }
    List<ModelManifest> writes = List.of(
        change(champion.get(), ModelStage.candidate, 0.0, "rollback", false, null).build(),
        change(restored.get(), ModelStage.champion, 0.0, "rollback", false, null).build());
    return new Changed(writes, "rolled back: " + previous + " is the champion again, "
        + champion.get().getVersion() + " went back to candidate");
  }

  /** Retires a version that is not the champion. */
  public Transition archive(String version) {
    Optional<ModelManifest> found = registry.version(version);
    if (found.isEmpty()) {
      return unknown(version);
    }
    ModelManifest m = found.get();
    if (m.getStage() == ModelStage.champion) {
      return new Refused(version + " is the champion; promote another version or roll back first");
    }
    if (m.getStage() == ModelStage.archived) {
      return new Unchanged(version + " already is archived");
    }
    return new Changed(List.of(change(m, ModelStage.archived, 0.0, "archive", false, null).build()),
        version + " is archived");
  }

  private ModelManifest.Builder change(ModelManifest m, ModelStage stage, double share, String command,
      boolean forced, String gate) {
    List<StageChange> history = new ArrayList<>(m.getHistory());
    history.add(StageChange.newBuilder().setStage(stage).setTrafficShare(share).setAt(actor.at())
        .setBy(actor.by()).setCommand(command).setForced(forced).setGate(gate).build());
    return ModelManifest.newBuilder(m).setStage(stage).setTrafficShare(share).setHistory(history);
  }

  private Transition unknown(String version) {
    return new Refused("no version " + version + " in the registry (models list shows them)");
  }

  private static String describeShare(double share) {
    return share == 0.0 ? " (shadow)" : String.format(Locale.ROOT, " (canary, share %.3f)", share);
  }
}
