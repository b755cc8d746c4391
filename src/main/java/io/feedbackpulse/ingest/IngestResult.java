package io.feedbackpulse.ingest;

import io.feedbackpulse.avro.Feedback;
import java.util.Objects;

/** What became of one input record: a canonical Feedback, or the reason it was rejected. */
public sealed interface IngestResult {

  record Accepted(Feedback feedback) implements IngestResult {
    public Accepted {
      Objects.requireNonNull(feedback, "feedback");
    }
  }

  /**
   * @param channel the channel of the record's topic, or null when the topic belongs to no channel
   */
  record Rejected(RejectReason reason, String detail, String channel) implements IngestResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
