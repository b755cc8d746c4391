package io.feedbackpulse.cli;

import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.broker.KafkaUnreachableException;
import io.feedbackpulse.broker.TopicProvisioner;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.pipeline.InterruptedRuns;
import io.feedbackpulse.pipeline.PipelineLease;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.ServiceSchemas;
import io.feedbackpulse.service.StartupChecks;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
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

  /**
   * The pipeline lease ({@link PipelineLease}), or empty when another run holds it.
   *
   * @throws KafkaUnreachableException when the group gave no answer within the session timeout and
   *     startup.kafka-timeout
   */
  static Optional<PipelineLease> lease(Settings s) throws InterruptedException {
    Duration session = s.duration("pipeline.lease.session-timeout");
    Duration wait = session.plus(s.duration("startup.kafka-timeout"));
    try {
      return PipelineLease.tryAcquire(StreamsProperties.clientProperties(s), TopicNames.from(s).pipelineRuns(),
          s.string("application.id") + "-pipeline-lease", session, wait);
    } catch (TimeoutException e) {
      throw new KafkaUnreachableException(s.string("bootstrap.servers"), wait, e);
    }
  }

  /**
   * Marks failed, reason interrupted, every run on record as running: the caller holds the lease, so their
   * processes are gone. Says so on {@code out}, one line a run; returns the runs as they stand after.
   */
  static List<PipelineRun> markInterrupted(PipelineRunsTopic runs, PrintWriter out) {
    List<PipelineRun> before = runs.read();
    List<PipelineRun> after = InterruptedRuns.mark(before, runs::write, Clock.systemUTC());
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i) != after.get(i)) {
        out.println("pipeline run " + before.get(i).getRunId() + " was interrupted (no process runs it): "
            + "marked failed");
      }
    }
    out.flush();
    return after;
  }

  /** The line that says which run holds the lease, as far as pipeline.runs tells. */
  static String busy(PipelineRunsTopic runs) {
    return runs.read().stream().filter(r -> r.getStatus() == PipelineRunStatus.running).findFirst()
        .map(r -> "pipeline run " + r.getRunId() + " is running (since " + r.getStartedAt() + currentStep(r)
            + ") and holds the pipeline lease: one run at a time")
        .orElse("another pipeline run holds the pipeline lease: one run at a time");
  }

  private static String currentStep(PipelineRun run) {
    return run.getSteps().isEmpty() ? "" : ", step " + run.getSteps().get(run.getSteps().size() - 1).getName();
  }
}
