package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.reasons.ReasonTaxonomy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reasons taxonomy} and {@code evaluate --reasons} with the real bge encoder on a handful of complaints. */
class EvaluateReasonsTest {
  private static final String COMPLAINTS = """
      text,reason
      my parcel never arrived,delivery
      "the courier lost my order, tracking stuck for ten days",delivery
      charged twice on my card,billing_and_payment
      still no refund for the jacket I sent back,returns_and_refunds
      the app crashes at checkout,website_and_app
      "the seams came apart after one wash, cheap fabric",product_quality
      """;

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void jsonHasAccuracyMacroF1PerReasonFiguresAndTheConfusionMatrix() throws Exception {
    Path data = Files.writeString(dir.resolve("complaints.csv"), COMPLAINTS);
    Path taxonomy = dir.resolve("shop.json");
    assertThat(execute("reasons", "taxonomy", "--out", taxonomy.toString())).as(err.toString()).isZero();

    Path cache = dir.resolve("cache");
    int status = execute("evaluate", "--reasons", taxonomy.toString(), "--data", data.toString(), "--json",
        "--cache-dir", cache.toString());

    assertThat(status).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    JsonNode reasons = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("reasons");
    assertThat(reasons.get("n").asInt()).isEqualTo(6);
    assertThat(reasons.get("accuracy").asDouble()).isGreaterThanOrEqualTo(5 / 6.0);
    assertThat(reasons.get("macro_f1").asDouble()).isPositive();
    assertThat(reasons.get("per_reason").get("delivery").get("recall").asDouble()).isEqualTo(1.0);
    assertThat(reasons.get("confusion")).hasSize(reasons.get("labels").size());
    assertThat(out.toString()).contains("reasons: 6 texts, accuracy");
    try (Stream<Path> kept = Files.list(cache)) {
      assertThat(kept).as("the taxonomy's embeddings").hasSize(1);
    }
  }

  @Test
  void taxonomyDrawsExamplesFromALabeledCsv() throws Exception {
    Path data = Files.writeString(dir.resolve("complaints.csv"), COMPLAINTS);
    Path taxonomy = dir.resolve("shop.json");

    int status = execute("reasons", "taxonomy", "--examples", data.toString(), "--examples-per-reason", "1",
        "--out", taxonomy.toString());

    assertThat(status).as(err.toString()).isZero();
    ReasonTaxonomy written = ReasonTaxonomy.read(taxonomy);
    assertThat(written.exampleCount()).isEqualTo(ReasonTaxonomy.defaults().exampleCount() + 5);
    assertThat(out.toString()).contains("9 reasons");
  }

  @Test
  void aMalformedTaxonomyIsOneLineAndTheUsageStatus() throws Exception {
    Path data = Files.writeString(dir.resolve("complaints.csv"), COMPLAINTS);
    Path taxonomy = Files.writeString(dir.resolve("bad.json"),
        "{\"reasons\": [{\"name\": \"delivery\", \"description\": \"a\"}, {\"name\": \"delivery\", \"description\": \"b\"}]}");

    int status = execute("evaluate", "--reasons", taxonomy.toString(), "--data", data.toString());

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString().lines().toList()).containsExactly(
        "Not a reason taxonomy: " + taxonomy + ": reason 'delivery' is named twice");
  }

  @Test
  void aReasonTheTaxonomyLacksIsOneLineAndTheUsageStatus() throws Exception {
    Path data = Files.writeString(dir.resolve("complaints.csv"), "text,reason\nhello,weather\n");
    Path taxonomy = dir.resolve("shop.json");
    assertThat(execute("reasons", "taxonomy", "--out", taxonomy.toString())).isZero();

    int status = execute("evaluate", "--reasons", taxonomy.toString(), "--data", data.toString());

    assertThat(status).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString().lines().toList()).singleElement().asString()
        .startsWith("Not a CSV of reasons: ").contains("reason 'weather' is not in the taxonomy");
  }
}
