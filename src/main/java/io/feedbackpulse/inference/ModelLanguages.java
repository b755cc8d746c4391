package io.feedbackpulse.inference;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.ingest.LanguageIdentifier;
import io.feedbackpulse.ingest.LanguageIdentifier.Part;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The languages a model can read (setting {@code model.languages}), as ISO 639-1 codes. An undetermined
 * language counts as read: it is what a text too short to tell gets ("ok thanks", "Never been more
 * disappointed..."), and those should keep counting. Of a text in another language, the model reads the
 * sentences in its languages when they make a meaningful part of it ({@link #partRead}).
 */
public record ModelLanguages(Set<String> codes) {
  private static final Pattern ISO_639_1 = Pattern.compile("[a-z]{2}");
  public static final ModelLanguages ENGLISH = new ModelLanguages(Set.of("en"));

  public ModelLanguages {
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("model.languages must name at least one language");
    }
    for (String code : codes) {
      if (!ISO_639_1.matcher(code).matches()) {
        throw new IllegalArgumentException(
            "model.languages takes ISO 639-1 codes in lower case, such as en or de, got '" + code + "'");
      }
    }
    codes = Set.copyOf(codes);
  }

  /** The languages {@code model.languages} names. */
  public static ModelLanguages from(Settings s) {
    try {
      return of(s.list("model.languages"));
    } catch (IllegalArgumentException e) {
      throw new SettingsException(e.getMessage());
    }
  }

  public static ModelLanguages of(Collection<String> codes) {
    return new ModelLanguages(Set.copyOf(codes));
  }

  public boolean reads(String language) {
    return LanguageIdentifier.UNDETERMINED.equals(language) || codes.contains(language);
  }

  /**
   * What the model reads of a text in {@code language}: empty when it reads the whole text, or nothing of it.
   * Sentence by sentence detection costs, so it runs only for a text whose language the model does not read.
   */
  public Optional<Part> partRead(String text, String language) {
    return reads(language) ? Optional.empty() : LanguageIdentifier.builtIn().partIn(text, codes);
  }
}
