package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.pipeline.PipelineLease;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.web.AvroJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The pipeline's runs as they stand. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the runs of topic.pipeline-runs, newest first: run id, status, started at, candidate "
        + "version, and each step's status.",
        "A run on record as running while no process holds the pipeline lease was interrupted by a crash: it is "
            + "marked failed (reason interrupted, a line on stderr) before the list.",
        "--json: each run's whole record (steps with their inputs and outputs: the snapshot's rows and label "
            + "counts, the checks' report, the figures), one JSON object a line."})
public final class PipelineListCommand implements Callable<Integer> {
  @Option(names = "--json", description = "One JSON object a line: the whole run")
  boolean json;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    Settings settings = options.settings();
    try (PipelineRunsTopic runs = PipelineSession.open(settings, false)) {
      List<PipelineRun> listed = runs.read();
      if (listed.stream().anyMatch(r -> r.getStatus() == PipelineRunStatus.running)) {
        // a run on record as running while the lease is free was interrupted: say so, once and for all
        Optional<PipelineLease> lease = PipelineSession.lease(settings);
        if (lease.isPresent()) {
          try (PipelineLease held = lease.get()) {
            listed = PipelineSession.markInterrupted(runs, spec.commandLine().getErr());
          }
        }
      }
      for (PipelineRun run : listed) {
        out.println(json ? mapper.writeValueAsString(AvroJson.toMapWithBytes(run)) : PipelineRuns.runLine(run));
      }
    }
    out.flush();
    return ExitStatus.OK;
  }
}
