package io.feedbackpulse.testing;

import io.feedbackpulse.avro.LabelledFeedback;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import java.time.Instant;

/** Labelled items as feedback.labelled carries them. */
public final class LabelledRecords {
  private LabelledRecords() {}

  /** An item of the channel before the id's colon. */
  public static LabelledFeedback item(String id, String text, int label) {
    return LabelledFeedback.newBuilder().setId(id).setChannel(id.substring(0, id.indexOf(':'))).setText(text)
        .setLabel(label).setSource("agent").setLabeler("ana").setLabeledAt(Instant.parse("2026-11-29T10:00:00Z"))
        .setModelLabel(1).setProbabilities(Probabilities.newBuilder().setNegative(0.1).setNeutral(0.2)
            .setPositive(0.7).build())
        .setModel(ModelInfo.newBuilder().setId("sha256:x").setVersion("v1").build())
        .setEventTime(Instant.parse("2026-11-29T09:00:00Z")).build();
  }
}
