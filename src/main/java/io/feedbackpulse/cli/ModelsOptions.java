package io.feedbackpulse.cli;

import io.feedbackpulse.config.Settings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code models} subcommand takes: where the cluster is, and the settings. */
public final class ModelsOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (else the bootstrap.servers setting)")
  String bootstrapServers;

  @Mixin
  SettingsOptions settingsOptions;

  Settings settings() {
    Map<String, String> more = new HashMap<>();
    if (bootstrapServers != null) {
      more.put("bootstrap.servers", bootstrapServers);
    }
    return settingsOptions.resolve(more);
  }

  ModelsSession open() {
    return ModelsSession.open(settings());
  }
}
