package io.feedbackpulse.service;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.config.ChannelSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.ingest.ChannelDefinition;
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

  private final List<TopicSchema> schemas = new ArrayList<>();
  private final List<UnknownChannelRecord> unknown = new ArrayList<>();

  public ServiceSchemas(Settings settings) {
    TopicNames topics = TopicNames.from(settings);
    schemas.add(new TopicSchema(topics.scored(), ScoredFeedback.getClassSchema()));
    schemas.add(new TopicSchema(topics.alerts(), SupportAlert.getClassSchema()));
    schemas.add(new TopicSchema(topics.deadLetter(), DeadLetter.getClassSchema()));
    schemas.add(new TopicSchema(topics.distribution(), LabelDistribution.getClassSchema()));
    schemas.add(new TopicSchema(topics.drift(), DriftEvent.getClassSchema()));
    for (ChannelDefinition channel : ChannelSettings.from(settings)) {
      bundledSchema(channel.recordName()).ifPresentOrElse(
          schema -> schemas.add(new TopicSchema(channel.topic(), schema)),
          () -> unknown.add(new UnknownChannelRecord(channel.name(), channel.recordName())));
    }
  }

  /** Outputs first, then the channels, in the settings' order. */
  public List<TopicSchema> schemas() {
    return List.copyOf(schemas);
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
