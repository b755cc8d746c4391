package io.feedbackpulse.cli;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.models.EvalSet;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.models.ManifestDraft;
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
    EvalSet set = eval == null ? null : EvalSet.read(eval);
    ModelManifest draft;
    try {
      draft = ManifestDraft.of(ModelSource.of(where), Optional.ofNullable(version),
          location == null ? where : location, Optional.ofNullable(parent), Optional.ofNullable(gitCommit));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ModelsSession session = options.open();
    ModelRegistry registry = session.read();
    Transition transition = session.lifecycle(registry).register(draft);
    if (transition instanceof Transition.Changed changed) {
      ModelManifest registered = changed.writes().get(0);
      // Fetching checks a published copy the way an instance will: before anyone relies on it.
      GateEvaluations evaluations = new GateEvaluations(session.fetcher(), InferenceOptions.DEFAULT,
          Clock.systemUTC());
      if (set != null) {
        registered = GateEvaluations.withEvaluation(registered, evaluations.evaluate(registered, set));
      } else if (location != null) {
        session.fetcher().fetch(registered);
      }
      transition = new Transition.Changed(List.of(registered), changed.message()
          + GateEvaluations.newest(registered).map(e -> String.format(Locale.ROOT,
              "; macro-F1 %.4f on %s (n=%d)", e.getMacroF1(), e.getEvalSetName(), e.getN())).orElse(""));
    }
    return session.finish(transition, spec);
  }
}
