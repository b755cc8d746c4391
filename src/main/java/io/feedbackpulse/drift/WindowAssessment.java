package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.util.List;

/** A closed window's published distribution and the drift events it raised (often none). */
public record WindowAssessment(LabelDistribution distribution, List<DriftEvent> events) {
  public WindowAssessment {
    events = List.copyOf(events);
  }
}
