package io.feedbackpulse.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReasonTaxonomyTest {
  @TempDir
  Path dir;

  @Test
  void theShippedTaxonomyHoldsTheNineECommerceReasonsWithDescriptions() {
    ReasonTaxonomy taxonomy = ReasonTaxonomy.defaults();

    assertThat(taxonomy.names()).containsExactly("delivery", "returns_and_refunds", "billing_and_payment",
        "product_quality", "wrong_or_missing_item", "customer_service", "website_and_app", "account_and_login",
        "price");
    assertThat(taxonomy.reasons()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
  }

  @Test
  void examplesAreOptionalAndTheFileRoundTrips() throws Exception {
    Path file = write("{\"reasons\": [{\"name\": \"delivery\", \"description\": \"late or lost parcels\"},"
        + " {\"name\": \"price\", \"description\": \"too expensive\", \"examples\": [\"way too dear\"]}]}");

    ReasonTaxonomy taxonomy = ReasonTaxonomy.read(file);

    assertThat(taxonomy.reasons()).containsExactly(new Reason("delivery", "late or lost parcels", List.of()),
        new Reason("price", "too expensive", List.of("way too dear")));
    assertThat(ReasonTaxonomy.parse(taxonomy.toJson(), "again").reasons()).isEqualTo(taxonomy.reasons());
    assertThat(taxonomy.withoutExamples().exampleCount()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"reasons\": []}|the reasons list is empty",
      "{\"reasons\": [{\"name\": \"a\", \"description\": \"x\"}, {\"name\": \"A\", \"description\": \"y\"}]}"
          + "|reason 'A' is named twice",
      "{\"reasons\": [{\"name\": \"a\"}]}|reason 'a' has no description",
      "{\"reasons\": [{\"name\": \"a\", \"description\": \" \"}]}|reason 'a': description must be a text that is not blank",
      "{\"reasons\": [{\"description\": \"x\"}]}|reasons[0] has no name",
      "{\"reasons\": [{\"name\": \"a\", \"description\": \"x\", \"example\": [\"y\"]}]}"
          + "|reasons[0] has an unknown field 'example' (known: name, description, examples)",
      "{\"reasons\": [{\"name\": \"a\", \"description\": \"x\", \"examples\": \"y\"}]}"
          + "|reason 'a': examples must be a list of texts",
      "{\"reasons\": [{\"name\": \"Other\", \"description\": \"x\"}]}|'other' is what items no reason fits get",
      "[\"delivery\"]|expected {\"reasons\": [{\"name\": ..., \"description\": ..., \"examples\": [...]}, ...]}",
      "{\"reasons\": [|not JSON: "})
  void aMalformedFileIsOneLineNamingTheFileAndTheProblem(String json, String problem) throws Exception {
    Path file = write(json);

    assertThatThrownBy(() -> ReasonTaxonomy.read(file)).isInstanceOf(MalformedTaxonomyException.class)
        .hasMessageStartingWith(file + ": " + problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theSettingsNameTheFileAndAnEmptyOneTakesTheShippedTaxonomy() throws Exception {
    Path file = write(new ObjectMapper().writeValueAsString(
        new ObjectMapper().readTree("{\"reasons\": [{\"name\": \"late\", \"description\": \"late parcels\"}]}")));

    assertThat(ReasonOptions.from(Settings.defaults()).taxonomy().names()).hasSize(9);
    assertThat(ReasonOptions.from(Settings.defaults().with("reasons.file", file.toString())).taxonomy().names())
        .containsExactly("late");
    assertThatThrownBy(() -> ReasonOptions.from(Settings.defaults().with("reasons.top", "-1")))
        .isInstanceOf(SettingsException.class).hasMessageContaining("reasons.top must not be negative");
  }

  private Path write(String json) throws Exception {
    return Files.write(dir.resolve("reasons.json"), json.getBytes(StandardCharsets.UTF_8));
  }
}
