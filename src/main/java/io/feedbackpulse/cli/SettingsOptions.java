package io.feedbackpulse.cli;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.logging.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}, layered over defaults and the environment. */
public final class SettingsOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting that wins over file and environment")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** These options as arguments, then {@code more} as {@code --set}: for a command run inside this one's process. */
  List<String> asArgs(Map<String, String> more) {
    List<String> args = new ArrayList<>();
    if (configFile != null) {
      args.addAll(List.of("--config", configFile.toString()));
    }
    overrides.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    more.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args;
  }

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
