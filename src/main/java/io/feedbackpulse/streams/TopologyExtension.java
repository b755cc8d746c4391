package io.feedbackpulse.streams;

import io.feedbackpulse.avro.ScoredFeedback;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * A stage that starts from the scored items (keyed and partitioned by feedback id) and adds its own sources,
 * stores and sinks, so that capabilities built on the scores stay out of the topology that scores them.
 */
public interface TopologyExtension {
  /**
   * @param scored the items as written to the scored topic
   * @param compared the same items, each with champion against challenger where a challenger scored it
   */
  void attach(StreamsBuilder builder, KStream<String, ScoredFeedback> scored,
      KStream<String, ScoredWithComparison> compared, TopologyObserver observer);
}
