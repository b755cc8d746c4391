package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.web.AvroJson;
import java.io.PrintWriter;
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
    try (PipelineRunsTopic runs = PipelineSession.open(options.settings(), false)) {
      for (PipelineRun run : runs.read()) {
        out.println(json ? mapper.writeValueAsString(AvroJson.toMapWithBytes(run)) : PipelineRuns.runLine(run));
      }
    }
    out.flush();
    return ExitStatus.OK;
  }
}
