package io.feedbackpulse.cli;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLoadException;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.EvalSetMinimums;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.ManifestDraft;
import io.feedbackpulse.models.ModelFetcher;
import io.feedbackpulse.models.ModelLoader;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Registers a model directory as a candidate version. */
// No standard --version: here it names the version being registered, as users of a registry expect.
@Command(name = "register",
    description = {"Register a model directory as a candidate: its content hash (the model id every instance "
        + "checks), version, location and lineage (config.json's training record).",
        "The model is fetched, loaded and run once as an instance would: one that does not load is not registered "
            + "(status 3). With --eval, FILE must hold models.gate.min-eval-items (200) rows and "
            + "models.gate.min-per-class (20) of each label (else status 7).",
        "The same model under the same version again is no change (status 0); a version registered with another "
            + "model is refused.",
        "The built-in default registers as --dir classpath:/models/default."})
public final class ModelsRegisterCommand implements Callable<Integer> {
  private static final String CLASSPATH = "classpath:";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--dir", required = true, paramLabel = "DIR",
      description = "The model directory (model.onnx, tokenizer.json, config.json), or classpath:/models/default")
  String dir;

  @Option(names = "--version", paramLabel = "V", description = "The version name; default: config.json's version")
  String version;

  @Option(names = "--location", paramLabel = "URL",
      description = "Where instances fetch it, when not from DIR: an http(s):// URL of a .tar.gz of DIR (checked "
          + "now: it must hold the same model)")
  String location;

  @Option(names = "--eval", paramLabel = "FILE",
      description = "A labeled CSV (as evaluate --data reads) to measure it on now; the figures go in the manifest")
  Path eval;

  @Option(names = "--parent", paramLabel = "V", description = "The version it was trained from or replaces")
  String parent;

  @Option(names = "--git-commit", paramLabel = "SHA", description = "The commit of the code that trained it")
  String gitCommit;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String where = dir.startsWith(CLASSPATH) ? dir : Path.of(dir).toAbsolutePath().normalize().toString();
    if (!dir.startsWith(CLASSPATH) && !Files.isDirectory(Path.of(where))) {
      throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not a directory");
    }
    Settings settings = options.settings();
    EvalSet set = eval == null ? null : EvalSet.read(eval);
    Optional<String> tooSmall = set == null ? Optional.empty() : EvalSetMinimums.from(settings).shortfall(set);
    if (tooSmall.isPresent()) {
      // Figures recorded now are what a later promote without --eval compares: none from a set too small to tell.
      return ModelsSession.refuse("not registering: " + tooSmall.get(), spec);
    }
    ModelManifest draft;
    try {
      draft = ManifestDraft.of(ModelSource.of(where), Optional.ofNullable(version),
          location == null ? where : location, Optional.ofNullable(parent), Optional.ofNullable(gitCommit));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ModelFetcher fetcher = ModelFetcher.configured(settings);
    loadAsAnInstanceWould(draft, fetcher, settings);
    ModelsSession session = ModelsSession.open(settings);
    ModelRegistry registry = session.read();
    Transition transition = session.lifecycle(registry).register(draft);
    if (transition instanceof Transition.Changed changed) {
      ModelManifest registered = changed.writes().get(0);
      if (set != null) {
        registered = GateEvaluations.withEvaluation(registered,
            new GateEvaluations(fetcher, InferenceOptions.DEFAULT, Clock.systemUTC()).evaluate(registered, set));
      }
      transition = new Transition.Changed(List.of(registered), changed.message()
          + GateEvaluations.newest(registered).map(e -> String.format(Locale.ROOT,
              "; macro-F1 %.4f on %s (n=%d)", e.getMacroF1(), e.getEvalSetName(), e.getN())).orElse(""));
    }
    return session.finish(transition, spec);
  }

  /**
   * Fetches (a published copy is checked against the directory's hash), loads and runs the model as an instance
   * does when the registry names it, before anything is written: a version that every instance would refuse is
   * never registered.
   */
  private static void loadAsAnInstanceWould(ModelManifest draft, ModelFetcher fetcher, Settings settings) {
    try {
      new ModelLoader(fetcher, InferenceOptions.from(settings)).load(draft).close();
    } catch (ModelLoadException e) {
      throw new ModelLoadException("version " + draft.getVersion() + " does not load as an instance would load it, "
          + "so it is not registered: " + e.getMessage(), e);
    }
  }
}
