package io.feedbackpulse.reasons;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The held-back e-commerce complaint set (docs/reasons/ecommerce-heldout.md) stays as its README describes it. */
class EcommerceHeldoutSetTest {
  private static final Path SET = Path.of("docs/reasons/ecommerce-heldout.csv");

  @Test
  void everyRowHasATextAndAReasonOfTheShippedTaxonomyOrOther() throws Exception {
    List<LabeledReason> rows = ReasonCsv.read(SET);
    List<String> known = new ArrayList<>(ReasonTaxonomy.defaults().names());
    known.add("other");

    assertThat(Files.readAllLines(SET, StandardCharsets.UTF_8).get(0)).isEqualTo("text,reason");
    assertThat(rows).hasSize(150);
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.text()).isNotBlank().isEqualTo(row.text().strip());
      assertThat(known).contains(row.reason());
    });
    assertThat(rows.stream().map(LabeledReason::text).distinct()).hasSize(150);
  }

  @Test
  void theClassCountsAreThoseTheReadmeGives() throws Exception {
    Map<String, Long> counts = ReasonCsv.read(SET).stream().collect(groupingBy(LabeledReason::reason, counting()));

    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("product_quality", 76L, "other", 61L,
        "customer_service", 6L, "price", 3L, "returns_and_refunds", 3L, "wrong_or_missing_item", 1L));
  }
}
