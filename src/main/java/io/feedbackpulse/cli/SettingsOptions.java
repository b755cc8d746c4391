package io.feedbackpulse.cli;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.logging.LogFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}, layered over defaults and the environment. */
public final class SettingsOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting that wins over file and environment")
  Map<String, String> overrides = new LinkedHashMap<>();

  public Settings resolve(Map<String, String> more) {
    Settings.Builder b = Settings.builder();
    if (configFile != null) {
      b.file(configFile);
    }
    b.environment(System.getenv());
    overrides.forEach(b::set);
    more.forEach(b::set);
    Settings settings = b.build();
    LogFormat.use(settings);
    return settings;
  }
}
