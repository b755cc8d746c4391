package io.feedbackpulse.cli;

import io.feedbackpulse.alert.PiiRedactor;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.quality.DatasetCsv;
import io.feedbackpulse.quality.LabelledItems;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The labelled items of feedback.labelled (each id once, its newest label) as a CSV that train --data reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the labelled items (topic.labelled: each item once, with its newest label) as CSV with the "
        + "columns text,label,channel,label_source,model_label,id,labeled_at, which train --data and evaluate --data read.",
        "Texts have e-mail addresses, phone, card and IBAN numbers masked: topic.labelled carries them masked, and "
            + "--mask-pii masks again what an earlier version wrote there in clear."})
public final class DatasetExportCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write")
  Path out;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only items labelled from this time on: an ISO-8601 instant (2026-11-01T00:00:00Z) or a "
          + "duration back from now (P7D)")
  String since;

  @Option(names = "--channel", paramLabel = "CHANNEL", split = ",", description = "Only these channels (repeat or comma-separate)")
  List<String> channels;

  @Option(names = "--mask-pii", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Mask e-mail addresses, phone, card and IBAN numbers in the texts as read (default: "
          + "${DEFAULT-VALUE}); topic.labelled masks them itself")
  boolean maskPii;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S", converter = DurationConverter.class,
      description = "Give up when the topic gives nothing for this long; default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT5S",
      converter = DurationConverter.class,
      description = "How often to say on stderr how far it has come; default: ${DEFAULT-VALUE}")
  Duration progressInterval;

  @Mixin
  SettingsOptions settingsOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Instant from = since == null ? Instant.MIN : parseSince(since, spec);
    Settings settings = settingsOptions.resolve(Map.of());
    String topic = TopicNames.from(settings).labelled();
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
    List<LabelledFeedback> items = LabelledItems.read(StreamsProperties.clientProperties(settings), topic,
        avro.specific(LabelledFeedback.class, false).deserializer(), timeout, CommandProgress.of(spec, progressInterval));
    List<LabelledFeedback> kept = items.stream()
        .filter(i -> !i.getLabeledAt().isBefore(from))
        .filter(i -> channels == null || channels.contains(i.getChannel()))
        .toList();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      new DatasetCsv(new PiiRedactor(), maskPii).write(kept, writer);
    }
    spec.commandLine().getOut().printf("wrote %d labelled items to %s (%d in %s)%n", kept.size(), out, items.size(),
        topic);
    return 0;
  }

  /** An ISO-8601 instant, or a duration back from now; anything else is a usage error naming --since. */
  static Instant parseSince(String text, CommandSpec spec) {
    try {
      return text.startsWith("P") || text.startsWith("p") ? Instant.now().minus(Duration.parse(text)) : Instant.parse(text);
    } catch (ArithmeticException | DateTimeException e) {
      throw new ParameterException(spec.commandLine(), "--since must be an ISO-8601 instant such as "
          + "2026-11-01T00:00:00Z or a duration such as P7D, got '" + text + "'");
    }
  }
}
