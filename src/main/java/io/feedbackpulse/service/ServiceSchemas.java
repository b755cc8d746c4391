package io.feedbackpulse.service;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import io.feedbackpulse.config.ChannelSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.topology.FeedbackTopology;
import io.feedbackpulse.topology.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The record-value schemas of the service's topics: what it writes, and what each channel's producers write. */
public final class ServiceSchemas {

  /** One topic's value schema. */
  public record TopicSchema(String topic, Schema schema) {
  }

  /** A channel whose record has no Avro class in the jar: its producers register its schema themselves. */
  public record UnknownChannelRecord(String channel, String recordName) {
  }

  private final List<TopicSchema> outputs = new ArrayList<>();
  private final List<TopicSchema> inputs = new ArrayList<>();
  private final List<UnknownChannelRecord> unknown = new ArrayList<>();

  public ServiceSchemas(Settings settings) {
    TopicNames topics = TopicNames.from(settings);
    outputs.add(new TopicSchema(topics.scored(), ScoredFeedback.getClassSchema()));
    outputs.add(new TopicSchema(topics.alerts(), SupportAlert.getClassSchema()));
    outputs.add(new TopicSchema(topics.deadLetter(), DeadLetter.getClassSchema()));
    outputs.add(new TopicSchema(topics.distribution(), LabelDistribution.getClassSchema()));
    outputs.add(new TopicSchema(topics.drift(), DriftEvent.getClassSchema()));
    outputs.add(new TopicSchema(topics.cases(), SupportCase.getClassSchema()));
    outputs.add(new TopicSchema(FeedbackTopology.byCustomerTopic(settings.string("application.id")),
        ScoredFeedback.getClassSchema()));
    for (ChannelDefinition channel : ChannelSettings.from(settings)) {
      bundledSchema(channel.recordName()).ifPresentOrElse(
          schema -> inputs.add(new TopicSchema(channel.topic(), schema)),
          () -> unknown.add(new UnknownChannelRecord(channel.name(), channel.recordName())));
    }
  }

  /** Outputs first (the internal by-customer topic among them), then the channels, in the settings' order. */
  public List<TopicSchema> schemas() {
    List<TopicSchema> all = new ArrayList<>(outputs);
    all.addAll(inputs);
    return List.copyOf(all);
  }

  /** The topics the service writes Avro to, whose subjects it needs. */
  public List<TopicSchema> outputs() {
    return List.copyOf(outputs);
  }

  public List<UnknownChannelRecord> channelsWithoutBundledSchema() {
    return List.copyOf(unknown);
  }

  private static Optional<Schema> bundledSchema(String recordName) {
    try {
      Class<?> type = Class.forName(recordName);
      return SpecificRecord.class.isAssignableFrom(type) ? Optional.of(SpecificData.get().getSchema(type))
          : Optional.empty();
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }
}
