package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code score --reasons}: the tiny model scores, the real bge encoder gives the reasons. */
class ScoreReasonsTest {
  private static final String PARCEL = "My parcel never arrived and nobody answers my emails";

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
  void jsonCarriesTheReasonsBestFirstAndTextFormPrintsThem() throws Exception {
    assertThat(execute("score", "--reasons", "--json", "--model", TINY_ROBERTA.toString(), PARCEL))
        .as(err.toString()).isZero();
    JsonNode reasons = new ObjectMapper().readTree(out.toString().strip()).get("reasons");
    assertThat(reasons.get(0).get("name").asText()).isEqualTo("delivery");
    assertThat(reasons.size()).isBetween(1, 2);

    out.getBuffer().setLength(0);
    assertThat(execute("score", "--reasons", "--model", TINY_ROBERTA.toString(), PARCEL)).isZero();
    assertThat(out.toString()).contains("    reasons: delivery ");
  }

  @Test
  void anotherTaxonomyGivesItsOwnReasonsAndAMalformedOneIsTheUsageStatus() throws Exception {
    Path mine = Files.writeString(dir.resolve("mine.json"), "{\"reasons\": [{\"name\": \"shipping\", "
        + "\"description\": \"Parcels that are late or lost\"}, {\"name\": \"staff\", \"description\": \"Rude staff\"}]}");
    assertThat(execute("score", "--reasons", "--taxonomy", mine.toString(), "--json", "--model",
        TINY_ROBERTA.toString(), PARCEL)).as(err.toString()).isZero();
    assertThat(new ObjectMapper().readTree(out.toString().strip()).get("reasons").get(0).get("name").asText())
        .isEqualTo("shipping");

    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"reasons\": []}");
    assertThat(execute("score", "--reasons", "--taxonomy", bad.toString(), "--model", TINY_ROBERTA.toString(),
        PARCEL)).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString().lines()).containsExactly("Not a reason taxonomy: " + bad + ": the reasons list is empty");
  }
}
