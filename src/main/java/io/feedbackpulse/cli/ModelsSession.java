package io.feedbackpulse.cli;

import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.broker.TopicProvisioner;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.models.ComparisonTopic;
import io.feedbackpulse.models.ModelFetcher;
import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.ModelRegistryTopic;
import io.feedbackpulse.models.Transition;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.service.ServiceSchemas;
import io.feedbackpulse.service.StartupChecks;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.topology.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a {@code models} subcommand works with: the registry topic (created compacted when {@code topics.create}
 * allows, as {@code run} would create it), the comparison topic, a model fetcher, and how a {@link Transition}
 * ends the command.
 */
final class ModelsSession {
  private static final Duration ADMIN_CLOSE = Duration.ofSeconds(1);
  private final Settings settings;
  private final ModelRegistryTopic registryTopic;
  private final ComparisonTopic comparisons;

  private ModelsSession(Settings settings, ModelRegistryTopic registryTopic, ComparisonTopic comparisons) {
    this.settings = settings;
    this.registryTopic = registryTopic;
    this.comparisons = comparisons;
  }

  static ModelsSession open(Settings s) {
    TopicNames topics = TopicNames.from(s);
    Properties client = StreamsProperties.clientProperties(s);
    Duration kafkaTimeout = s.duration("startup.kafka-timeout");
    if (s.bool("topics.create")) {
      Admin admin = Admin.create(client);
      try {
        new TopicProvisioner(admin, s.string("bootstrap.servers"), kafkaTimeout).ensureTopics(List.of(
            TopicSpec.of(topics.models(), s.integer("topics.partitions"), s.integer("topics.replication-factor"))
                .withConfig("cleanup.policy", "compact")));
      } finally {
        admin.close(ADMIN_CLOSE);
      }
    }
    AvroSerdes avro = new AvroSerdes(Pipeline.registrySettings(s));
    return new ModelsSession(s,
        new ModelRegistryTopic(client, topics.models(), avro.specific(ModelManifest.class, false), kafkaTimeout),
        new ComparisonTopic(client, topics.modelComparison(), avro.specific(ModelComparison.class, false),
            kafkaTimeout));
  }

  Settings settings() {
    return settings;
  }

  ModelRegistry read() {
    return registryTopic.read();
  }

  void write(List<ModelManifest> manifests) {
    if (!settings.bool("schema.registry.auto-register")) {
      StartupChecks.subjectsRegistered(Pipeline.registrySettings(settings), List.of(
          new ServiceSchemas.TopicSchema(TopicNames.from(settings).models(), ModelManifest.getClassSchema())));
    }
    registryTopic.write(manifests);
  }

  ComparisonTopic comparisons() {
    return comparisons;
  }

  ModelFetcher fetcher() {
    return fetcher(settings);
  }

  /** Where models come from for these settings, as an instance fetches them; no cluster needed. */
  static ModelFetcher fetcher(Settings settings) {
    String configured = settings.string("models.cache-dir");
    Path cache = configured.isBlank() ? ModelSource.cacheDirectory().resolveSibling("feedback-pulse-fetched")
        : Path.of(configured);
    return new ModelFetcher(cache, settings.duration("models.fetch-timeout"));
  }

  ModelLifecycle lifecycle(ModelRegistry registry) {
    return new ModelLifecycle(registry, ModelLifecycle.Actor.currentUser());
  }

  /** Writes a change and says what it did on stdout; a refusal is one line on stderr and {@link ExitStatus#REFUSED}. */
  int finish(Transition transition, CommandSpec spec) {
    if (transition instanceof Transition.Refused) {
      return refuse(transition.message(), spec);
    }
    if (transition instanceof Transition.Changed changed) {
      write(changed.writes());
    }
    spec.commandLine().getOut().println(transition.message());
    spec.commandLine().getOut().flush();
    return ExitStatus.OK;
  }

  /** Ends a command that changes nothing: one line on stderr and {@link ExitStatus#REFUSED}. */
  static int refuse(String why, CommandSpec spec) {
    spec.commandLine().getErr().println("Refused: " + why);
    spec.commandLine().getErr().flush();
    return ExitStatus.REFUSED;
  }
}
