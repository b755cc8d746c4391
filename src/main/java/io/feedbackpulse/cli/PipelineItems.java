package io.feedbackpulse.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code pipeline run} and {@code pipeline watch} that say which labelled items a run takes. */
public final class PipelineItems {
  @Option(names = "--channel", paramLabel = "CHANNEL", split = ",",
      description = "Only these channels' items (repeat or comma-separate); default: all")
  List<String> channels;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S", converter = DurationConverter.class,
      description = "Give up reading topic.labelled when it gives nothing for this long; default: ${DEFAULT-VALUE}")
  Duration timeout;

  List<String> channels() {
    return channels == null ? List.of() : channels;
  }
}
