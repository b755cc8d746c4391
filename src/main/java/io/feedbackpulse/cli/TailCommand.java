package io.feedbackpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.ReviewItem;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.service.TopicTail;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.web.AvroJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The records of an output topic as JSON lines. Kafka's console consumer shows them as Confluent-framed Avro,
 * which is binary; this reads them as the service's own readers do (read_committed, through the registry).
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {"Print the records of an output topic as JSON, one object a line (read_committed).",
        "Bytes fields (a dead letter's original key and value) are {\"utf8\": text} when they are valid UTF-8, "
            + "{\"base64\": ...} otherwise."})
public final class TailCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPIC",
      description = "An output topic, named by the topic.* settings: feedback.scored, support.alerts, "
          + "feedback.dead-letter, sentiment.distribution, sentiment.drift, feedback.labelled, model.quality, "
          + "feedback.review, support.cases or model.comparison by default")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the first record, not at the records to come")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records")
  Integer max;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop when no record came for this long (PT10S, or seconds); without it, run until Ctrl-C")
  Duration timeout;

  @Mixin
  SettingsOptions settingsOptions;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (max != null && max < 1) {
      throw new ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
    }
    Settings settings = settingsOptions.resolve(Map.of());
    Map<String, Class<? extends SpecificRecord>> outputs = outputs(TopicNames.from(settings));
    Class<? extends SpecificRecord> type = outputs.get(topic);
    if (type == null) {
      throw new ParameterException(spec.commandLine(), "'" + topic + "' is not an output topic; the outputs are "
          + String.join(", ", outputs.keySet()));
    }
    BlockingQueue<Map<String, Object>> records = new LinkedBlockingQueue<>();
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper();
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(settings));
    try (TopicTail tail = new TopicTail(StreamsProperties.clientProperties(settings), "feedback-pulse-tail",
        List.of(follow(topic, avro, type, records)), fromBeginning ? TopicTail.FROM_THE_BEGINNING : 0).start()) {
      for (int printed = 0; max == null || printed < max; printed++) {
        Map<String, Object> record = timeout == null ? records.take()
            : records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (record == null) {
          break;
        }
        out.println(json.writeValueAsString(record));
        out.flush();
      }
    }
    return 0;
  }

  private static <T extends SpecificRecord> TopicTail.Follow<T> follow(String topic, AvroSerdes avro,
      Class<T> type, BlockingQueue<Map<String, Object>> into) {
    return new TopicTail.Follow<>(topic, avro.specific(type, false).deserializer(),
        record -> into.add(AvroJson.toMapWithBytes(record)));
  }

  /** The record type of each of {@link TopicNames#outputs()}. */
  static Map<String, Class<? extends SpecificRecord>> outputs(TopicNames topics) {
    Map<String, Class<? extends SpecificRecord>> outputs = new LinkedHashMap<>();
    outputs.put(topics.scored(), ScoredFeedback.class);
    outputs.put(topics.alerts(), SupportAlert.class);
    outputs.put(topics.deadLetter(), DeadLetter.class);
    outputs.put(topics.distribution(), LabelDistribution.class);
    outputs.put(topics.drift(), DriftEvent.class);
    outputs.put(topics.labelled(), LabelledFeedback.class);
    outputs.put(topics.quality(), ModelQuality.class);
    outputs.put(topics.review(), ReviewItem.class);
    outputs.put(topics.cases(), SupportCase.class);
    outputs.put(topics.modelComparison(), ModelComparison.class);
    topics.alertRoutes().topics().forEach(routed -> outputs.put(routed, SupportAlert.class));
    return outputs;
  }
}
