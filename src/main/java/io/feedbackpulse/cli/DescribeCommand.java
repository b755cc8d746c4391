package io.feedbackpulse.cli;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLoading;
import io.feedbackpulse.inference.SentimentModel;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.topology.TopologyDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the topology: Kafka Streams' description and a Mermaid diagram. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Print the topology (Topology#describe() and a Mermaid diagram).")
public final class DescribeCommand implements Callable<Integer> {
  @Option(names = "--write", description = "Also write " + TopologyDocs.FILE)
  boolean write;

  @Mixin
  SettingsOptions settingsOptions;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings settings = settingsOptions.resolve(Map.of());
    try (SentimentModel model = ModelLoading.load(settings)) {
      Pipeline pipeline = new Pipeline(settings, model, Clock.systemUTC());
      String docs = TopologyDocs.markdown(pipeline.topology());
      spec.commandLine().getOut().print(docs);
      spec.commandLine().getOut().flush();
      if (write) {
        Path file = Path.of(TopologyDocs.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, docs);
      }
    }
    return 0;
  }
}
