package io.feedbackpulse.quality;

import io.feedbackpulse.avro.LabelledFeedback;
import java.util.List;

/** What one event at the join changes: the labelled record to publish (when the item is now labelled), and the figures. */
record GroundTruthUpdate(LabelledFeedback labelled, List<QualityChange> changes) {}
