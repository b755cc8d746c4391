package io.feedbackpulse.reasons;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.streams.TopicReader;
import io.feedbackpulse.streams.TopicReader.Start;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows feedback.labelled for one instance and teaches its reason scorer ({@link LearnedReasons}): its own
 * consumer (every partition, from the beginning, read_committed, no group), so every instance learns every label
 * whichever instance joined it. That topic, not feedback.labels, because a label carries no text: the join is where
 * a reason meets its item's text, masked, and where a label older than the one held is already dropped. It reads to
 * the end first and learns it in one go (only the newest examples of each reason are embedded), then learns each
 * poll's records as they come. It runs on a thread of its own and does not hold up the start: until it has caught
 * up, alerts get reasons from the taxonomy's own examples.
 */
public final class LabelledReasonsFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LabelledReasonsFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final TopicReader<LabelledFeedback> reader;
  private final String topic;
  private final LearnedReasons learned;
  private final Duration timeout;
  private final Thread thread;
  private volatile boolean running = true;

  private LabelledReasonsFollower(Properties clientProperties, String topic,
      Deserializer<LabelledFeedback> values, LearnedReasons learned, Duration timeout) {
    this.reader = TopicReader.open(clientProperties, "feedback-pulse-reasons-follower-" + UUID.randomUUID(), values);
    this.topic = topic;
    this.learned = learned;
    this.timeout = timeout;
    this.thread = new Thread(this::follow, "labelled-reasons-follower");
    thread.setDaemon(true);
  }

  /**
   * @param clientProperties bootstrap servers and security settings
   * @param topic the labelled-items topic
   * @param timeout how long a lookup of the topic may wait for the cluster
   */
  public static LabelledReasonsFollower start(Properties clientProperties, String topic,
      Deserializer<LabelledFeedback> values, LearnedReasons learned, Duration timeout) {
    LabelledReasonsFollower follower = new LabelledReasonsFollower(clientProperties, topic, values, learned, timeout);
    follower.thread.start();
    return follower;
  }

  private void follow() {
    try {
      while (running && !added()) {
        Thread.sleep(POLL.toMillis());
      }
      List<LabelledFeedback> read = new ArrayList<>();
      if (!reader.readToEnd(timeout, r -> add(r, read))) {
        log.warn("Could not read {} to its end within {}; learning what was read and following it", topic, timeout);
      }
      learned.learn(read);
      log.info("Learned reason examples from {} labelled items of {}", read.size(), topic);
      while (running) {
        List<LabelledFeedback> more = new ArrayList<>();
        reader.poll(POLL).forEach(r -> add(r, more));
        if (!more.isEmpty()) {
          learned.learn(more);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Stopped following {}: {}; alerts get reasons from what was learned until a restart", topic,
          e.toString(), e);
    } finally {
      reader.close();
    }
  }

  /** Whether the topic's partitions are now read; false while it is missing or the cluster does not answer. */
  private boolean added() {
    try {
      return !reader.add(topic, Start.beginning(), timeout).isEmpty();
    } catch (TimeoutException e) {
      log.warn("Could not look up {} within {}; trying again", topic, timeout);
      return false;
    }
  }

  private static void add(ConsumerRecord<byte[], LabelledFeedback> record, List<LabelledFeedback> into) {
    if (record.value() != null) {
      into.add(record.value());
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
