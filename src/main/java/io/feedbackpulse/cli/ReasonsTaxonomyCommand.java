package io.feedbackpulse.cli;

import io.feedbackpulse.reasons.LabeledReason;
import io.feedbackpulse.reasons.ReasonCsv;
import io.feedbackpulse.reasons.ReasonExamples;
import io.feedbackpulse.reasons.ReasonTaxonomy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a taxonomy: one of descriptions, with examples of each reason drawn from a labeled CSV. */
@Command(name = "taxonomy", mixinStandardHelpOptions = true,
    description = "Writes a reason taxonomy (--from, else the shipped e-commerce one), adding up to "
        + "--examples-per-reason texts of each reason drawn from --examples (columns text,reason or text,category).")
public final class ReasonsTaxonomyCommand implements Callable<Integer> {
  @Option(names = "--from", paramLabel = "FILE", description = "The taxonomy to start from; default: the shipped one")
  Path from;

  @Option(names = "--examples", paramLabel = "CSV", description = "Labeled texts to draw examples from")
  Path examples;

  @Option(names = "--examples-per-reason", paramLabel = "N", defaultValue = "10",
      description = "Texts drawn per reason; 0 takes them all; default: ${DEFAULT-VALUE}")
  int perReason;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the draw; default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the taxonomy")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (perReason < 0) {
      spec.commandLine().getErr().println("reasons taxonomy: --examples-per-reason must not be negative");
      return ExitStatus.USAGE;
    }
    ReasonTaxonomy taxonomy = from == null ? ReasonTaxonomy.defaults() : ReasonTaxonomy.read(from);
    if (examples != null) {
      List<LabeledReason> labeled = ReasonCsv.read(examples);
      taxonomy = ReasonExamples.add(taxonomy, labeled, perReason, seed);
    }
    Files.write(out, taxonomy.toJson());
    PrintWriter w = spec.commandLine().getOut();
    w.printf("%s: %d reasons, %d examples%n", out, taxonomy.reasons().size(), taxonomy.exampleCount());
    w.flush();
    return ExitStatus.OK;
  }
}
