package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.models.GateEvaluations;
import io.feedbackpulse.web.AvroJson;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The registered versions, as they stand. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the registered versions in the order they were registered: version, stage, traffic "
        + "share, model id, macro-F1 on the newest evaluation, registered at.",
        "--json: each version's whole manifest (history, evaluations, lineage), one JSON object a line."})
public final class ModelsListCommand implements Callable<Integer> {
  private static final String ROW = "%-28s %-10s %5s  %-23s %8s  %s%n";

  @Option(names = "--json", description = "One JSON object a line: the whole manifest")
  boolean json;

  @Mixin
  ModelsOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = new ObjectMapper();
    var manifests = options.open().readWithRefusals().all();
    if (!json) {
      out.printf(Locale.ROOT, ROW, "VERSION", "STAGE", "SHARE", "MODEL ID", "MACRO-F1", "REGISTERED AT");
    }
    for (ModelManifest m : manifests) {
      if (json) {
        out.println(mapper.writeValueAsString(AvroJson.toMapWithBytes(m)));
      } else {
        out.printf(Locale.ROOT, ROW, m.getVersion(), m.getStage(), String.format(Locale.ROOT, "%.2f",
            m.getTrafficShare()), m.getModelId(), GateEvaluations.newest(m)
            .map(e -> String.format(Locale.ROOT, "%.4f", e.getMacroF1())).orElse("-"), m.getRegisteredAt());
      }
    }
    out.flush();
    return ExitStatus.OK;
  }
}
