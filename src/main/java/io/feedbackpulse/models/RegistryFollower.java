package io.feedbackpulse.models;

import io.feedbackpulse.avro.LoadRefusal;
import io.feedbackpulse.avro.ModelManifest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code model.registry} for one instance: its own consumer (every partition, from the beginning,
 * read_committed, no group, so every instance sees every change) and a thread that hands each new state of the
 * registry to a {@link ModelSwitcher}. {@link #start} first reads to the end and applies what it read, so an
 * instance that starts later begins with the current champion and challenger before its stream threads score
 * anything. A refused version gets a {@link LoadRefusal} appended to its manifest.
 *
 * <p>Appending is read, change, write: two instances that refuse a version at once may each write the manifest
 * without the other's refusal. So each instance checks every later manifest of a version it refused, and appends
 * its refusal again when it is missing; the last write has both.
 */
public final class RegistryFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<String, ModelManifest> consumer;
  private final String topic;
  private final ModelSwitcher switcher;
  private final ModelRegistryTopic registryTopic;
  private final String instance;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private ModelRegistry registry = ModelRegistry.empty();
  /** This instance's refusals, by version and model id: what it appends again when a write lost it. */
  private final Map<String, Refusal> refused = new HashMap<>();

  private RegistryFollower(Properties clientProperties, String topic, ModelRegistryTopic registryTopic,
      Deserializer<ModelManifest> manifests, ModelSwitcher switcher, String instance, Clock clock) {
    Properties p = CommittedReads.consumerProperties(clientProperties, "feedback-pulse-registry-follower-");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), manifests);
    this.topic = topic;
    this.registryTopic = registryTopic;
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
   * @param topic the registry topic, which {@code registryTopic} reads and writes too
   * @param instance how refusals name this instance
   * @throws ModelRegistryException when the topic is missing or cannot be read to its end within the timeout
   */
  public static RegistryFollower start(Properties clientProperties, String topic, ModelRegistryTopic registryTopic,
      Deserializer<ModelManifest> manifests, ModelSwitcher switcher, String instance, Clock clock,
      Duration timeout) {
    RegistryFollower follower = new RegistryFollower(clientProperties, topic, registryTopic, manifests, switcher,
        instance, clock);
    try {
      follower.catchUp(timeout);
    } catch (TimeoutException e) {
      follower.consumer.close();
      throw ModelRegistryException.unreachable("could not read " + follower.topic + " within " + timeout + ": "
          + e.getMessage());
    } catch (RuntimeException e) {
      follower.consumer.close();
      throw e;
    }
    follower.thread.start();
    return follower;
  }

  private void catchUp(Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      throw ModelRegistryException.missing("topic " + topic + " does not exist");
    }
    List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    List<ModelManifest> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw ModelRegistryException.unreachable("could not read " + topic + " to its end within " + timeout);
      }
      manifests(consumer.poll(POLL), read);
    }
    log.info("Read {} model versions from {}", read.size(), topic);
    apply(read);
  }

  private void follow() {
    try {
      while (running) {
        List<ModelManifest> read = new ArrayList<>();
        manifests(consumer.poll(POLL), read);
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
      consumer.close();
    }
  }

  private static void manifests(ConsumerRecords<String, ModelManifest> records, List<ModelManifest> into) {
    for (ConsumerRecord<String, ModelManifest> r : records) {
      if (r.value() != null) {
        into.add(r.value());
      }
    }
  }

  private void apply(List<ModelManifest> read) {
    registry = registry.with(read);
    for (Refusal refusal : switcher.apply(registry)) {
      refused.put(key(refusal.manifest()), refusal);
      record(refusal);
    }
    for (ModelManifest m : read) {
      Refusal mine = refused.get(key(m));
      if (mine != null && m.getRefusals().stream().noneMatch(r -> r.getInstance().equals(instance))) {
        record(mine);
      }
    }
  }

  private static String key(ModelManifest m) {
    return m.getVersion() + " " + m.getModelId();
  }

  /** Appends the refusal to the version's latest manifest; a failure to write it is logged, not fatal. */
  private void record(Refusal refusal) {
    try {
      String version = refusal.manifest().getVersion();
      ModelManifest latest = registryTopic.read().version(version).orElse(refusal.manifest());
      if (latest.getRefusals().stream().anyMatch(r -> r.getInstance().equals(instance))) {
        return;
      }
      List<LoadRefusal> refusals = new ArrayList<>(latest.getRefusals());
      refusals.add(new LoadRefusal(instance, clock.instant(), refusal.reason()));
      registryTopic.write(List.of(ModelManifest.newBuilder(latest).setRefusals(refusals).build()));
    } catch (RuntimeException e) {
      log.warn("Could not record the refusal of model version {} in {}: {}", refusal.manifest().getVersion(), topic,
          e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
