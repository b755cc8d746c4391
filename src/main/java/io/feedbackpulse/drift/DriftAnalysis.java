package io.feedbackpulse.drift;

import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Assesses one closed window of one channel: picks its reference from the baseline and the
 * channel's trailing windows, builds the distribution record, decides which drift, bias and reason events
 * it raises, then adds the window to the trailing windows.
 */
public final class DriftAnalysis {
  private final ReferenceSelector references;
  private final DriftDetector drift;
  private final BiasDetector bias;
  private final ReasonDriftDetector reasons;

  public DriftAnalysis(ReferenceSelector references, DriftDetector drift, BiasDetector bias,
      ReasonDriftDetector reasons) {
    this.references = references;
    this.drift = drift;
    this.bias = bias;
    this.reasons = reasons;
  }

  /**
   * @param baseline the serving model's label shares (or a stand-in when it has none) and its confidence on data
   *     like its training data, when known; asked again for each window
   */
  public static DriftAnalysis of(DriftOptions options, Supplier<BaselineReference> baseline) {
    ReferenceSelector references = new ReferenceSelector(options.reference(), baseline, options.trailingSpan(),
        options.thresholds().minItems());
    return new DriftAnalysis(references, new DriftDetector(options.thresholds()),
        new BiasDetector(options.bias()), new ReasonDriftDetector(options.thresholds(), options.reasonThreshold()));
  }

  /** Assesses the window and records it in {@code history}, which the caller stores again. */
  public WindowAssessment assess(String channel, Instant start, Instant end, LabelWindowAggregate window,
      TrailingReference history) {
    DriftReference reference = references.select(history, start.toEpochMilli());
    LabelDistribution distribution = LabelDistributions.of(channel, start, end, window, reference);
    List<DriftEvent> events = new ArrayList<>(drift.events(distribution));
    events.addAll(bias.events(distribution));
    events.addAll(reasons.events(distribution, window, reference.reasons()));
    history.record(TrailingWindow.of(start.toEpochMilli(), end.toEpochMilli(), window), references.span());
    return new WindowAssessment(distribution, events);
  }
}
