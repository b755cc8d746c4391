package io.feedbackpulse.cli;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.broker.TopicProvisioner;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.ServiceSchemas;
import io.feedbackpulse.service.StartupChecks;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/** The runs topic of the {@code pipeline} commands, created compacted when {@code topics.create} allows. */
final class PipelineSession {
  private static final Duration ADMIN_CLOSE = Duration.ofSeconds(1);

  private PipelineSession() {}

  /** @param writing whether the command writes runs: then the topic's schema subject must exist or be registrable */
  static PipelineRunsTopic open(Settings s, boolean writing) {
    String topic = TopicNames.from(s).pipelineRuns();
    Duration kafkaTimeout = s.duration("startup.kafka-timeout");
    if (s.bool("topics.create")) {
      Admin admin = Admin.create(StreamsProperties.clientProperties(s));
      try {
        new TopicProvisioner(admin, s.string("bootstrap.servers"), kafkaTimeout).ensureTopics(List.of(
            TopicSpec.of(topic, s.integer("topics.partitions"), s.integer("topics.replication-factor"))
                .withConfig("cleanup.policy", "compact")));
      } finally {
        admin.close(ADMIN_CLOSE);
      }
    }
    if (writing && !s.bool("schema.registry.auto-register")) {
      StartupChecks.subjectsRegistered(RegistrySettings.from(s),
          List.of(new ServiceSchemas.TopicSchema(topic, PipelineRun.getClassSchema())));
    }
    return new PipelineRunsTopic(StreamsProperties.clientProperties(s), topic,
        new AvroSerdes(RegistrySettings.from(s)).specific(PipelineRun.class, false), kafkaTimeout);
  }
}
