package io.feedbackpulse.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the service needs that do not exist yet and leaves existing ones as they
 * are. If the cluster refuses to create some, fails with {@link TopicCreationDeniedException}.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final String bootstrapServers;
  private final Duration timeout;

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public TopicProvisioner(Admin admin, String bootstrapServers) {
    this(admin, bootstrapServers, DEFAULT_TIMEOUT);
  }

  /** {@code bootstrapServers} only goes into the error messages; {@code timeout} bounds each admin request. */
  public TopicProvisioner(Admin admin, String bootstrapServers, Duration timeout) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  public ProvisionedTopics ensureTopics(List<TopicSpec> topics) {
    Set<String> existing = await(admin.listTopics().names());
    List<TopicSpec> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
    List<String> alreadyThere = topics.stream().map(TopicSpec::name).filter(existing::contains).toList();
    if (missing.isEmpty()) {
      return new ProvisionedTopics(List.of(), alreadyThere);
    }

    CreateTopicsResult result = admin.createTopics(missing.stream().map(TopicSpec::toNewTopic).toList());
    Map<String, KafkaFuture<Void>> outcomes = result.values();
    List<String> created = new ArrayList<>();
    List<String> createdMeanwhile = new ArrayList<>(alreadyThere);
    List<TopicSpec> denied = new ArrayList<>();
    Throwable denial = null;
    for (TopicSpec topic : missing) {
      Throwable failure = failureOf(outcomes.get(topic.name()));
      if (failure == null) {
        created.add(topic.name());
      } else if (failure instanceof TopicExistsException) {
        createdMeanwhile.add(topic.name());
      } else if (isDenial(failure)) {
        denied.add(topic);
        denial = failure;
      } else {
        throw new IllegalStateException("Could not create topic " + topic.name() + ": " + failure.getMessage(), failure);
      }
    }
    if (!denied.isEmpty()) {
      throw new TopicCreationDeniedException(denied, bootstrapServers, denial);
    }
    if (!created.isEmpty()) {
      LOG.info("Created topics {}", created);
    }
    return new ProvisionedTopics(created, createdMeanwhile);
  }

  /** The refusals that an administrator can resolve by creating the topics for us. */
  static boolean isDenial(Throwable failure) {
    return failure instanceof TopicAuthorizationException
        || failure instanceof ClusterAuthorizationException
        || failure instanceof PolicyViolationException;
  }

  private Throwable failureOf(KafkaFuture<Void> outcome) {
    try {
      outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new KafkaUnreachableException(bootstrapServers, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    }
  }

  private <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not list the topics of " + bootstrapServers + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaUnreachableException(bootstrapServers, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing topics", e);
    }
  }

  /** What {@link #ensureTopics} did: the topics it created and those that already existed. */
  public record ProvisionedTopics(List<String> created, List<String> existing) {
    public ProvisionedTopics {
      created = List.copyOf(created);
      existing = List.copyOf(existing);
    }
  }
}
