package io.feedbackpulse.reasons;

import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonExamplesTest {
  private static final Path BANKING77 = Path.of("../shared/data/reasons/banking77");
  private static final ReasonTaxonomy TWO = new ReasonTaxonomy(List.of(
      new Reason("late", "late parcels", List.of("mine")), new Reason("rude", "rude staff", List.of())), "test");

  @Test
  void drawsUpToNPerReasonAfterItsOwnExamplesTheSameForTheSameSeed() {
    List<LabeledReason> labeled = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      labeled.add(new LabeledReason("late " + i, "late"));
    }
    labeled.add(new LabeledReason("rude 0", "rude"));

    ReasonTaxonomy drawn = ReasonExamples.add(TWO, labeled, 3, 7);

    assertThat(drawn.reasons().get(0).examples()).hasSize(4).startsWith("mine");
    assertThat(drawn.reasons().get(1).examples()).containsExactly("rude 0");
    assertThat(ReasonExamples.add(TWO, labeled, 3, 7)).isEqualTo(drawn);
    assertThat(ReasonExamples.add(TWO, labeled, 0, 7).exampleCount()).isEqualTo(1 + 6);
  }

  @Test
  void aLabeledReasonTheTaxonomyLacksIsAnError() {
    assertThatThrownBy(() -> ReasonExamples.add(TWO, List.of(new LabeledReason("x", "price")), 1, 1))
        .isInstanceOf(MalformedTaxonomyException.class).hasMessage("test: has no reason 'price', which the labeled "
            + "texts name");
  }

  /** The committed banking77 descriptions are one per intent of its categories.json, none missing, none extra. */
  @Test
  void theBanking77TaxonomyDescribesEveryIntent() throws Exception {
    require(Files.isDirectory(BANKING77), "the shared data is not beside this checkout: " + BANKING77);
    String[] categories = new ObjectMapper().readValue(BANKING77.resolve("categories.json").toFile(), String[].class);

    ReasonTaxonomy taxonomy = ReasonTaxonomy.read(Path.of("docs/reasons/banking77.json"));

    assertThat(taxonomy.names()).containsExactlyElementsOf(Arrays.asList(categories));
    assertThat(taxonomy.exampleCount()).isZero();
  }
}
