package io.feedbackpulse.service;

import io.feedbackpulse.broker.KafkaUnreachableException;
import io.feedbackpulse.broker.TopicSpec;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.registry.ConfluentRegistryClient;
import io.feedbackpulse.registry.RegistrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * What must already be there when the service may not create it: its topics when
 * {@code topics.create=false}, its output subjects when {@code schema.registry.auto-register=false}.
 * Found missing at start, this is a configuration error with one line that says what to do; found
 * missing at run time, the records that need it would wait (retried), never be dead-lettered.
 */
public final class StartupChecks {
  private StartupChecks() {}

  static void topicsExist(Admin admin, List<TopicSpec> topics, String bootstrapServers, Duration timeout) {
    Set<String> existing;
    try {
      existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new KafkaUnreachableException(bootstrapServers, timeout, e);
    } catch (ExecutionException e) {
      throw new StartupCheckException("cannot list the topics of " + bootstrapServers + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupCheckException("interrupted while listing the topics of " + bootstrapServers);
    }
    List<TopicSpec> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
    if (!missing.isEmpty()) {
      throw new StartupCheckException("topics.create=false and " + missing.size() + " topic(s) are missing on "
          + bootstrapServers + ": " + missing.stream().map(TopicSpec::name).collect(Collectors.joining(", "))
          + "; create them (for example: " + missing.get(0).createCommand(bootstrapServers)
          + ") or set topics.create=true");
    }
  }

  static void outputSubjectsRegistered(Settings settings, RegistrySettings registry) {
    subjectsRegistered(registry, new ServiceSchemas(settings).outputs());
  }

  /**
   * Refuses, naming them, the subjects of these topics that lack their schema: with auto-register off, a
   * serializer would fail on them with the registry client's "Could not resolve artifact reference by content".
   */
  public static void subjectsRegistered(RegistrySettings registry, List<ServiceSchemas.TopicSchema> schemas) {
    ConfluentRegistryClient client = new ConfluentRegistryClient(registry);
    List<String> missing = new ArrayList<>();
    for (ServiceSchemas.TopicSchema output : schemas) {
      String subject = registry.subjectNameStrategy().valueSubject(output.topic(), output.schema());
      if (!client.holds(subject, output.schema().toString())) {
        missing.add(subject);
      }
    }
    if (!missing.isEmpty()) {
      throw new StartupCheckException("schema.registry.auto-register=false and " + registry.url() + " lacks the "
          + "service's schema under " + missing.size() + " subject(s): " + String.join(", ", missing)
          + "; register them with 'feedback-pulse register-schemas' (same settings) or set "
          + "schema.registry.auto-register=true");
    }
  }
}
