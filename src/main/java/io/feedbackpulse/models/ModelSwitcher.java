package io.feedbackpulse.models;

import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.SentimentModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the serving models what the registry says: its champion (or, while it names none, the model the service
 * started with) and its challenger, shadow when its traffic share is 0, canary otherwise. A version not loaded yet
 * is loaded first, and the swap comes only once every wanted model is ready; a version that fails is refused (one
 * log line, and the refusal returned for the registry) and the model it would have replaced goes on serving. A
 * version refused once is not tried again until the registry names other content for it.
 *
 * <p>A refused champion where the model serving is still the one the service started with ({@code model.dir}: an
 * instance restarted after the champion's copy went away) falls back to the registry's previous champion, the one
 * {@code models rollback} would restore, when that loads; else {@code model.dir} goes on serving. Either way one
 * log line says which.
 *
 * <p>Called from one thread (the registry follower), never a stream thread: loading takes seconds.
 */
public final class ModelSwitcher {
  private static final Logger log = LoggerFactory.getLogger(ModelSwitcher.class);

  private final ServingModels serving;
  /** The champion the service started with ({@code model.dir}), which no registry version replaced yet. */
  private final SentimentModel startedWith;
  private final Function<ModelManifest, SentimentModel> loader;
  private final double shadowSample;
  private final Set<String> refused = new HashSet<>();
  /**
   * The registered content (version and model id) each model this switcher loaded is: under model.quantization=none
   * a quantized model's lineage names its fp32 run, not the manifest's id, and must still count as that version.
   */
  private final Map<SentimentModel, String> loadedAs = new IdentityHashMap<>();
  private final AtomicLong refusals = new AtomicLong();

  /**
   * @param loader fetches, verifies, loads and warms a registered version ({@link ModelLoader#load})
   * @param shadowSample the share of items a shadow challenger scores ({@code models.shadow.sample})
   */
  public ModelSwitcher(ServingModels serving, Function<ModelManifest, SentimentModel> loader, double shadowSample) {
    this.serving = serving;
    this.startedWith = serving.current().champion();
    this.loader = loader;
    this.shadowSample = shadowSample;
  }

  /** @return the versions refused this time */
  public List<Refusal> apply(ModelRegistry registry) {
    if (registry.all().isEmpty()) {
      return List.of(); // an empty registry manages nothing: the models the service started with serve
    }
    ModelAssignment current = serving.current();
    List<Refusal> refusals = new ArrayList<>();
    SentimentModel champion = registry.champion()
        .map(m -> ready(m, current, refusals).orElseGet(() -> fallback(m, registry, current, refusals)))
        .orElse(current.champion());
    Optional<ModelAssignment.Challenger> challenger = registry.challenger()
        .flatMap(m -> ready(m, current, refusals).map(model -> challenger(m, model)))
        .filter(c -> c.model() != champion);
    ModelAssignment next = new ModelAssignment(champion, challenger);
    if (!next.equals(current)) {
      serving.serve(next);
    }
    loadedAs.keySet().retainAll(serving.current().models());
    return refusals;
  }

  /** What serves in place of the refused champion {@code refused}: see the class comment. */
  private SentimentModel fallback(ModelManifest refused, ModelRegistry registry, ModelAssignment current,
      List<Refusal> refusals) {
    if (current.champion() != startedWith) {
      return current.champion();
    }
    Optional<ModelManifest> previous = registry.previousChampion().filter(m -> m.getStage() != ModelStage.archived);
    Optional<SentimentModel> loaded = previous.flatMap(m -> ready(m, current, refusals));
    if (loaded.isPresent()) {
      log.warn("Champion {} refused: serving the previous champion {} instead of model.dir ({})",
          refused.getVersion(), previous.get().getVersion(), startedWith.lineage().version());
      return loaded.get();
    }
    log.warn("Champion {} refused and {}: serving model.dir ({})", refused.getVersion(), previous
        .map(m -> "its previous champion " + m.getVersion() + " does not load either")
        .orElse("there is no previous champion"), startedWith.lineage().version());
    return startedWith;
  }

  /** Versions refused since start. */
  public long refusals() {
    return refusals.get();
  }

  private ModelAssignment.Challenger challenger(ModelManifest m, SentimentModel model) {
    return m.getTrafficShare() > 0
        ? new ModelAssignment.Challenger(model, ChallengeMode.canary, m.getTrafficShare())
        : new ModelAssignment.Challenger(model, ChallengeMode.shadow, shadowSample);
  }

  /** The manifest's model: the one serving already, else loaded now; empty when refused. */
  private Optional<SentimentModel> ready(ModelManifest m, ModelAssignment current, List<Refusal> refusals) {
    Optional<SentimentModel> serving = current.models().stream()
        .filter(model -> key(m).equals(loadedAs.get(model)) || model.lineage().version().equals(m.getVersion())
            && model.lineage().id().equals(m.getModelId()))
        .findFirst();
    if (serving.isPresent()) {
      return serving;
    }
    String key = key(m);
    if (refused.contains(key)) {
      return Optional.empty();
    }
    try {
      log.info("Loading model version {} ({}) from {}", m.getVersion(), m.getModelId(), m.getLocation());
      SentimentModel model = loader.apply(m);
      loadedAs.put(model, key);
      return Optional.of(model);
    } catch (RuntimeException e) {
      String reason = oneLine(e);
      log.warn("Refusing model version {} ({} {}): {}; still serving {}", m.getVersion(), m.getStage(),
          m.getModelId(), reason, current.describe());
      refused.add(key);
      this.refusals.incrementAndGet();
      refusals.add(new Refusal(m, reason));
      return Optional.empty();
    }
  }

  private static String key(ModelManifest m) {
    return m.getVersion() + " " + m.getModelId();
  }

  private static String oneLine(RuntimeException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
