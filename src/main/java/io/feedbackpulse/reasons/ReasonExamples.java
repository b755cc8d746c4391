package io.feedbackpulse.reasons;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Adds labeled texts to a taxonomy as its reasons' examples: a few-shot taxonomy from a labeled set. */
public final class ReasonExamples {
  private ReasonExamples() {}

  /**
   * The taxonomy with up to {@code perReason} texts of each reason drawn from {@code labeled} (all of them when 0),
   * after the examples it already had; the same seed draws the same texts.
   *
   * @throws MalformedTaxonomyException when a labeled reason is not in the taxonomy
   */
  public static ReasonTaxonomy add(ReasonTaxonomy taxonomy, List<LabeledReason> labeled, int perReason, long seed) {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    taxonomy.names().forEach(n -> byReason.put(n, new ArrayList<>()));
    for (LabeledReason l : labeled) {
      List<String> texts = byReason.get(l.reason());
      if (texts == null) {
        throw new MalformedTaxonomyException(taxonomy.source(), "has no reason '" + l.reason()
            + "', which the labeled texts name");
      }
      texts.add(l.text());
    }
    Random random = new Random(seed);
    List<Reason> out = new ArrayList<>();
    for (Reason r : taxonomy.reasons()) {
      List<String> texts = byReason.get(r.name());
      Collections.shuffle(texts, random);
      List<String> examples = new ArrayList<>(r.examples());
      examples.addAll(perReason == 0 ? texts : texts.subList(0, Math.min(perReason, texts.size())));
      out.add(new Reason(r.name(), r.description(), examples));
    }
    return new ReasonTaxonomy(out, taxonomy.source() + " with examples");
  }
}
