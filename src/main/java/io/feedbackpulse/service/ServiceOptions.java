package io.feedbackpulse.service;

import io.feedbackpulse.alert.AlertRoutes;
import io.feedbackpulse.alert.TextMasking;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.drift.DriftOptions;
import io.feedbackpulse.explain.ExplainOptions;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLanguages;
import io.feedbackpulse.ingest.FeedbackValidator;
import io.feedbackpulse.ingest.IngestLimits;
import io.feedbackpulse.quality.GroundTruthOptions;
import io.feedbackpulse.reasons.ReasonOptions;
import io.feedbackpulse.reasons.ReasonTaxonomy;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.topology.FeedbackTopology.TopologyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the service's settings say, read and checked by the package that knows each part, before any model,
 * broker or topology exists: a wrong setting stops a command here with one line.
 *
 * @param reasonTaxonomy the complaint reasons alerts are given, read from reasons.file (or the shipped ones); empty
 *     when reasons.top is 0
 */
public record ServiceOptions(TopologyOptions topology, RegistrySettings registry, IngestLimits ingest,
    FeedbackValidator validator, InferenceOptions inference, ModelLanguages languages, ExplainOptions explain,
    TextMasking masking, DriftOptions drift, GroundTruthOptions groundTruth, int deadLetterMaxOriginalBytes,
    int outputMaxBytes, ReasonOptions reasons, Optional<ReasonTaxonomy> reasonTaxonomy) {

  public static ServiceOptions from(Settings s) {
    TopologyOptions topology = TopologyOptions.from(s);
    ReasonOptions reasons = ReasonOptions.from(s);
    Optional<ReasonTaxonomy> taxonomy = reasonTaxonomy(reasons);
    checkAlertRoutes(topology.topics().alertRoutes(), taxonomy);
    return new ServiceOptions(topology, RegistrySettings.from(s), IngestLimits.from(s), validator(s),
        InferenceOptions.from(s), ModelLanguages.from(s), ExplainOptions.from(s), TextMasking.from(s),
        DriftOptions.from(s, topology.channels().size() + 1), GroundTruthOptions.from(s),
        nonNegative(s, "dead-letter.max-original-bytes"), s.integer("output.max-bytes"), reasons, taxonomy);
  }

  private static void checkAlertRoutes(AlertRoutes routes, Optional<ReasonTaxonomy> taxonomy) {
    if (routes.isEmpty()) {
      return;
    }
    if (taxonomy.isEmpty()) {
      throw new SettingsException(AlertRoutes.SETTING + " routes alerts by their reasons, which reasons.top=0 turns off");
    }
    List<String> names = new ArrayList<>(taxonomy.get().names());
    names.add(ReasonTaxonomy.OTHER);
    routes.checkedAgainst(names);
  }

  private static Optional<ReasonTaxonomy> reasonTaxonomy(ReasonOptions reasons) {
    if (!reasons.enabled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(reasons.taxonomy());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FeedbackValidator validator(Settings s) {
    try {
      return new FeedbackValidator(s.integer("text.max-chars"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException("text.max-chars must be positive, got " + s.integer("text.max-chars"));
    }
  }

  private static int nonNegative(Settings s, String key) {
    int value = s.integer(key);
    if (value < 0) {
      throw new SettingsException(key + " must not be negative, got " + value);
    }
    return value;
  }
}
