package io.feedbackpulse.reasons;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which reasons are scored and how many an item gets.
 *
 * @param file the deployment's taxonomy ({@code reasons.file}); empty for the shipped e-commerce one
 * @param top the most reasons an item gets; 0 scores none (and loads no encoder)
 * @param minScore the score a reason needs to be given; an item none reaches gets {@code other}
 * @param learnedPerReason how many labelled items each reason keeps as examples in the service
 *     ({@code reasons.learned-per-reason}); 0 learns none
 */
public record ReasonOptions(Optional<Path> file, int top, double minScore, int learnedPerReason) {
  public ReasonOptions {
    if (top < 0 || !(minScore >= -1 && minScore <= 1)) {
      throw new IllegalArgumentException("reasons.top must not be negative and reasons.min-score must be within "
          + "[-1, 1] (a cosine), got " + top + " and " + minScore);
    }
    if (learnedPerReason < 0) {
      throw new IllegalArgumentException("reasons.learned-per-reason must not be negative, got " + learnedPerReason);
    }
  }

  /** Options that learn nothing from labels: what the commands that score offline use. */
  public ReasonOptions(Optional<Path> file, int top, double minScore) {
    this(file, top, minScore, 0);
  }

  public static ReasonOptions from(Settings s) {
    try {
      return new ReasonOptions(s.optional("reasons.file").map(Path::of), s.integer("reasons.top"),
          s.decimal("reasons.min-score"), s.integer("reasons.learned-per-reason"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }

  public boolean enabled() {
    return top > 0;
  }

  /** @throws MalformedTaxonomyException when the file is not a usable taxonomy */
  public ReasonTaxonomy taxonomy() throws IOException {
    return file.isPresent() ? ReasonTaxonomy.read(file.get()) : ReasonTaxonomy.defaults();
  }

  public ReasonOptions withFile(Path taxonomy) {
    return new ReasonOptions(Optional.of(taxonomy), top, minScore, learnedPerReason);
  }
}
