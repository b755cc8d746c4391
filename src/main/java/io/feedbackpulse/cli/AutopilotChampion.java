package io.feedbackpulse.cli;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/**
 * Before the demo's autopilot watches: the model the demo serves, registered under its own version and promoted with
 * {@code models register} and {@code models promote}, so that the first pipeline run is measured against it and
 * canaried beside it instead of promoted at once for want of a champion. A registry that has a champion already (a
 * demo restarted on the same broker) is left as it is.
 */
final class AutopilotChampion {
  private AutopilotChampion() {}

  /**
   * @param settings the settings {@code commands} run with: the registry, and the served model's {@code model.dir}
   * @param servedVersion the version the served model reports (config.json's)
   * @return what it did, in one line
   */
  static String seed(DemoCommands commands, Settings settings, String servedVersion) {
    Optional<ModelManifest> champion = ModelsSession.open(settings).read().champion();
    if (champion.isPresent()) {
      return "autopilot: the registry's champion is " + champion.get().getVersion()
          + " already; left as it is, the first run is canaried against it";
    }
    String dir = settings.string("model.dir");
    StringWriter said = new StringWriter();
    PrintWriter out = new PrintWriter(said, true);
    int status = commands.run(out, "models", "register", "--dir", dir, "--version", servedVersion);
    if (status == ExitStatus.OK) {
      status = commands.run(out, "models", "promote", servedVersion);
    }
    if (status != ExitStatus.OK) {
      List<String> lines = said.toString().strip().lines().toList();
      return "autopilot: the served model " + dir + " was not made the champion (status " + status + ": "
          + (lines.isEmpty() ? "no message" : lines.get(lines.size() - 1))
          + "); the first run's candidate is promoted at once";
    }
    return "autopilot: registered the served model " + dir + " as " + servedVersion
        + " and promoted it, so the first run is measured against it and canaried beside it";
  }
}
