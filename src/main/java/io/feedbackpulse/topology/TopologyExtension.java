package io.feedbackpulse.topology;

import io.feedbackpulse.avro.ScoredFeedback;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * A stage that starts from the scored items (keyed and partitioned by feedback id) and adds its own sources,
 * stores and sinks, so that capabilities built on the scores stay out of {@link FeedbackTopology}.
 */
public interface TopologyExtension {
  void attach(StreamsBuilder builder, KStream<String, ScoredFeedback> scored, TopologyObserver observer);
}
