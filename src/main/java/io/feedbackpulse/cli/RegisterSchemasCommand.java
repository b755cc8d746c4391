package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.registry.RegistryRetry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.SchemaRegistration;
import io.feedbackpulse.registry.SubjectNameStrategy;
import io.feedbackpulse.service.ServiceSchemas;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Registers the schemas of the service's outputs and channels, for registries where run must not register. */
@Command(name = "register-schemas", mixinStandardHelpOptions = true,
    description = {"Register the value schemas of the output topics and of the channel topics in the configured "
        + "schema registry (subjects per schema.registry.subject-name-strategy); prints subject -> id.",
        "Registering again is harmless: the registry answers the existing ids."})
public final class RegisterSchemasCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  SettingsOptions settingsOptions;

  @Option(names = "--attempts", defaultValue = "5",
      description = "Tries per schema while the registry is unreachable or answers 5xx (default: ${DEFAULT-VALUE})")
  int attempts;

  @Option(names = "--backoff", defaultValue = "PT1S", converter = DurationConverter.class,
      description = "First wait between tries, doubling each time (default: ${DEFAULT-VALUE})")
  Duration backoff;

  @Option(names = "--print",
      description = "Register nothing; print {\"subject\": ..., \"schema\": ...} one JSON object a line (for curl)")
  boolean print;

  @Override
  public Integer call() {
    Settings settings = settingsOptions.resolve(Map.of());
    SubjectNameStrategy subjects = SubjectNameStrategy.fromSetting(
        settings.string("schema.registry.subject-name-strategy"));
    // --print talks to no registry, so it needs none of its settings: not even a truststore that is readable here.
    SchemaRegistration registration = print ? null
        : new SchemaRegistration(RegistrySettings.from(settings), new RegistryRetry(attempts, backoff));
    ServiceSchemas schemas = new ServiceSchemas(settings);
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, Schema> subject : schemas.bySubject(subjects).entrySet()) {
      if (print) {
        out.println(json.createObjectNode().put("subject", subject.getKey())
            .put("schema", subject.getValue().toString()));
      } else {
        out.println(subject.getKey() + " -> " + registration.register(subject.getKey(), subject.getValue()));
      }
    }
    schemas.channelsWithoutBundledSchema().forEach(c -> spec.commandLine().getErr().println(
        "skipped channel " + c.channel() + ": its record " + c.recordName() + " has no schema in this jar"));
    out.flush();
    return 0;
  }
}
