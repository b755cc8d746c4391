package io.feedbackpulse.cli;

import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.broker.TopicProvisioner;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.models.ComparisonTopic;
import io.feedbackpulse.models.ModelFetcher;
import io.feedbackpulse.models.ModelLifecycle;
import io.feedbackpulse.models.ModelRegistry;
import io.feedbackpulse.models.ModelRegistryTopic;
import io.feedbackpulse.models.RefusalsTopic;
import io.feedbackpulse.models.Transition;
import io.feedbackpulse.pipeline.PipelineRunner;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.ServiceSchemas;
import io.feedbackpulse.service.StartupChecks;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a {@code models} subcommand works with: the registry and refusals topics (created compacted when {@code
 * topics.create} allows, as {@code run} would create them), the comparison topic, a model fetcher, and how a {@link
 * Transition} ends the command. The training pipeline reads and writes the registry through it too.
 */
final class ModelsSession implements PipelineRunner.Registry {
  private static final Duration ADMIN_CLOSE = Duration.ofSeconds(1);
  private final Settings settings;
  private final ModelRegistryTopic registryTopic;
  private final RefusalsTopic refusals;
  private final ComparisonTopic comparisons;

  private ModelsSession(Settings settings, ModelRegistryTopic registryTopic, RefusalsTopic refusals,
      ComparisonTopic comparisons) {
    this.settings = settings;
    this.registryTopic = registryTopic;
    this.refusals = refusals;
    this.comparisons = comparisons;
  }

  static ModelsSession open(Settings s) {
    TopicNames topics = TopicNames.from(s);
    Properties client = StreamsProperties.clientProperties(s);
    Duration kafkaTimeout = s.duration("startup.kafka-timeout");
    if (s.bool("topics.create")) {
      Admin admin = Admin.create(client);
      try {
        new TopicProvisioner(admin, s.string("bootstrap.servers"), kafkaTimeout).ensureTopics(Stream.of(
            topics.models(), topics.modelRefusals()).map(topic -> TopicSpec.of(topic, s.integer("topics.partitions"),
                s.integer("topics.replication-factor")).withConfig("cleanup.policy", "compact")).toList());
      } finally {
        admin.close(ADMIN_CLOSE);
      }
    }
    AvroSerdes avro = new AvroSerdes(RegistrySettings.from(s));
    return new ModelsSession(s,
        new ModelRegistryTopic(client, topics.models(), avro.specific(ModelManifest.class, false), kafkaTimeout),
        new RefusalsTopic(client, topics.modelRefusals(), avro.specific(ModelRefusal.class, false), kafkaTimeout),
        new ComparisonTopic(client, topics.modelComparison(), avro.specific(ModelComparison.class, false),
            kafkaTimeout));
  }

  Settings settings() {
    return settings;
  }

  /** The registry to decide on: manifests as written, so a change writes no refusal into them. */
  @Override
  public ModelRegistry read() {
    return registryTopic.read();
  }

  /** The registry to show: each manifest with the refusals of its content ({@code model.refusals}) folded in. */
  ModelRegistry readWithRefusals() {
    return registryTopic.read().withRefusals(refusals.read());
  }

  @Override
  public void write(List<ModelManifest> manifests) {
    if (!settings.bool("schema.registry.auto-register")) {
      StartupChecks.subjectsRegistered(RegistrySettings.from(settings), List.of(
          new ServiceSchemas.TopicSchema(TopicNames.from(settings).models(), ModelManifest.getClassSchema())));
    }
    registryTopic.write(manifests);
  }

  ComparisonTopic comparisons() {
    return comparisons;
  }

  ModelFetcher fetcher() {
    return ModelFetcher.configured(settings);
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
