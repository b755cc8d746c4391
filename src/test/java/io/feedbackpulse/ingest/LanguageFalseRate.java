package io.feedbackpulse.ingest;

import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How often the detector takes English for another language: over every text of English CSVs (as {@code train}
 * and {@code evaluate} read them), the share it calls neither en nor und, which without the sentence pass would
 * go unread, and of those, how many the model still reads through their English sentences
 * ({@link LanguageIdentifier#partIn}) and how many go to support.alerts unread (reason unsupported_language).
 * The command is in the README (Languages).
 */
public final class LanguageFalseRate {
  private LanguageFalseRate() {}

  public static void main(String[] files) throws Exception {
    if (files.length == 0) {
      System.err.println("usage: LanguageFalseRate CSV...");
      System.exit(2);
    }
    LanguageIdentifier languages = LanguageIdentifier.builtIn();
    for (String file : files) {
      List<LabeledExample> examples = LabeledCsv.read(Path.of(file));
      Map<String, Integer> others = new TreeMap<>();
      int undetermined = 0;
      int partRead = 0;
      for (LabeledExample example : examples) {
        String language = languages.identify(example.text());
        if (language.equals(LanguageIdentifier.UNDETERMINED)) {
          undetermined++;
        } else if (!language.equals("en")) {
          others.merge(language, 1, Integer::sum);
          if (languages.partIn(example.text(), Set.of("en")).isPresent()) {
            partRead++;
          }
        }
      }
      int other = others.values().stream().mapToInt(Integer::intValue).sum();
      int n = examples.size();
      System.out.printf(Locale.ROOT, "%s: %d texts, %d en, %d und; another language: %d (%.3f%%) %s; of those "
          + "read through their English sentences: %d, unread (to support.alerts): %d (%.3f%%)%n", file, n,
          n - undetermined - other, undetermined, other, 100.0 * other / n, others, partRead, other - partRead,
          100.0 * (other - partRead) / n);
    }
  }
}
