package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelRefusal;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code model.registry} for one instance: its own consumer (every partition, from the beginning,
 * read_committed, no group, so every instance sees every change) and a thread that hands each new state of the
 * registry to a {@link ModelSwitcher}. {@link #start} first reads to the end and applies what it read, so an
 * instance that starts later begins with the current champion and challenger before its stream threads score
 * anything. A refused version gets a {@link ModelRefusal} of its own in {@code model.refusals}, keyed by version
 * and instance, which nothing else writes: no write to the registry can lose it, and it loses none.
 */
public final class RegistryFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final TopicReader<ModelManifest> reader;
  private final String topic;
  private final ModelSwitcher switcher;
  private final RefusalsTopic refusalsTopic;
  private final String instance;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private ModelRegistry registry = ModelRegistry.empty();

  private RegistryFollower(Properties clientProperties, String topic, RefusalsTopic refusalsTopic,
      Deserializer<ModelManifest> manifests, ModelSwitcher switcher, String instance, Clock clock) {
    this.reader = CommittedReads.open(clientProperties, "feedback-pulse-registry-follower-", manifests);
    this.topic = topic;
    this.refusalsTopic = refusalsTopic;
    this.switcher = switcher;
    this.instance = instance;
    this.clock = clock;
    this.thread = new Thread(this::follow, "model-registry-follower");
    thread.setDaemon(true);
  }

  /**
   * Reads the registry to its end, applies it, then follows it on a thread of its own.
   *
   * @param clientProperties bootstrap servers and security settings
   * @param topic the registry topic
   * @param refusalsTopic where this instance's refusals go
   * @param instance how refusals name this instance
   * @throws ModelRegistryException when the topic is missing or cannot be read to its end within the timeout
   */
  public static RegistryFollower start(Properties clientProperties, String topic, RefusalsTopic refusalsTopic,
      Deserializer<ModelManifest> manifests, ModelSwitcher switcher, String instance, Clock clock,
      Duration timeout) {
    RegistryFollower follower = new RegistryFollower(clientProperties, topic, refusalsTopic, manifests, switcher,
        instance, clock);
    try {
      follower.catchUp(timeout);
    } catch (TimeoutException e) {
      follower.reader.close();
      throw ModelRegistryException.unreachable("could not read " + follower.topic + " within " + timeout + ": "
          + e.getMessage());
    } catch (RuntimeException e) {
      follower.reader.close();
      throw e;
    }
    follower.thread.start();
    return follower;
  }

  private void catchUp(Duration timeout) {
    if (reader.add(topic, Start.beginning(), timeout).isEmpty()) {
      throw ModelRegistryException.missing("topic " + topic + " does not exist");
    }
    List<ModelManifest> read = new ArrayList<>();
    CommittedReads.readToEnd(reader, topic, timeout, r -> manifest(r, read));
    log.info("Read {} model versions from {}", read.size(), topic);
    apply(read);
  }

  private void follow() {
    try {
      while (running) {
        List<ModelManifest> read = new ArrayList<>();
        reader.poll(POLL).forEach(r -> manifest(r, read));
        if (!read.isEmpty()) {
          apply(read);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("Stopped following {}: {}; serving {} until a restart", topic, e.toString(),
          registry.champion().map(ModelManifest::getVersion).orElse("the models loaded so far"), e);
    } finally {
      reader.close();
    }
  }

  private static void manifest(ConsumerRecord<byte[], ModelManifest> record, List<ModelManifest> into) {
    if (record.value() != null) {
      into.add(record.value());
    }
  }

  private void apply(List<ModelManifest> read) {
    registry = registry.with(read);
    for (Refusal refusal : switcher.apply(registry)) {
      record(refusal);
    }
  }

  /** Writes the refusal as its own record; a failure to write it is logged, not fatal. */
  private void record(Refusal refusal) {
    try {
      ModelManifest m = refusal.manifest();
      refusalsTopic.write(new ModelRefusal(m.getVersion(), m.getModelId(), instance, clock.instant(),
          refusal.reason()));
    } catch (RuntimeException e) {
      log.warn("Could not record the refusal of model version {}: {}", refusal.manifest().getVersion(),
          e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    reader.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
