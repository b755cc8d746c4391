package io.feedbackpulse.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.FeedbackLabel;
import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelQuality;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.ReviewItem;
import io.feedbackpulse.avro.LabelDistribution;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import io.feedbackpulse.ingest.ChannelSettings;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.registry.SubjectNameStrategy;
import io.feedbackpulse.topology.FeedbackTopology;
import io.feedbackpulse.streams.TopicNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The record-value schemas of the service's topics: what it writes, and what each channel's producers write. */
public final class ServiceSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JAVA_STRING_PROPERTY = "avro.java.string";

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
    topics.alertRoutes().topics().forEach(routed -> outputs.add(new TopicSchema(routed, SupportAlert.getClassSchema())));
    outputs.add(new TopicSchema(topics.deadLetter(), DeadLetter.getClassSchema()));
    outputs.add(new TopicSchema(topics.distribution(), LabelDistribution.getClassSchema()));
    outputs.add(new TopicSchema(topics.drift(), DriftEvent.getClassSchema()));
    outputs.add(new TopicSchema(topics.labelled(), LabelledFeedback.getClassSchema()));
    outputs.add(new TopicSchema(topics.quality(), ModelQuality.getClassSchema()));
    outputs.add(new TopicSchema(topics.review(), ReviewItem.getClassSchema()));
    outputs.add(new TopicSchema(topics.cases(), SupportCase.getClassSchema()));
    outputs.add(new TopicSchema(topics.models(), ModelManifest.getClassSchema()));
    outputs.add(new TopicSchema(topics.modelComparison(), ModelComparison.getClassSchema()));
    outputs.add(new TopicSchema(topics.modelRefusals(), ModelRefusal.getClassSchema()));
    outputs.add(new TopicSchema(topics.pipelineRuns(), PipelineRun.getClassSchema()));
    outputs.add(new TopicSchema(FeedbackTopology.byCustomerTopic(settings.string("application.id")),
        ScoredFeedback.getClassSchema()));
    for (ChannelDefinition channel : ChannelSettings.from(settings)) {
      bundledSchema(channel.recordName()).ifPresentOrElse(
          schema -> inputs.add(new TopicSchema(channel.topic(), withoutJavaProperties(schema))),
          () -> unknown.add(new UnknownChannelRecord(channel.name(), channel.recordName())));
    }
    inputs.add(new TopicSchema(topics.labels(), FeedbackLabel.getClassSchema()));
  }

  /** Outputs first (the internal by-customer topic among them), then the channels, in the settings' order, then labels. */
  public List<TopicSchema> schemas() {
    List<TopicSchema> all = new ArrayList<>(outputs);
    all.addAll(inputs);
    return List.copyOf(all);
  }

  /** Each of {@link #schemas()}, in that order, under its value subject by this naming strategy. */
  public Map<String, Schema> bySubject(SubjectNameStrategy subjects) {
    Map<String, Schema> out = new LinkedHashMap<>();
    schemas().forEach(s -> out.put(subjects.valueSubject(s.topic(), s.schema()), s.schema()));
    return out;
  }

  /** The topics the service writes Avro to, whose subjects it needs. */
  public List<TopicSchema> outputs() {
    return List.copyOf(outputs);
  }

  public List<UnknownChannelRecord> channelsWithoutBundledSchema() {
    return List.copyOf(unknown);
  }

  /**
   * A channel's schema as its {@code .avsc} file declares it. The compiled class's schema carries
   * {@code avro.java.string} on every string, which a registry takes for a different schema: registering it would
   * give a second version beside the one a producer registers from the file.
   */
  static Schema withoutJavaProperties(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      removeJavaProperties(tree);
      return new Schema.Parser().parse(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Avro wrote a schema that is not JSON: " + schema.getFullName(), e);
    }
  }

  private static void removeJavaProperties(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(JAVA_STRING_PROPERTY);
    }
    node.forEach(ServiceSchemas::removeJavaProperties);
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
