package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evaluate} says how far it has come on stderr; stdout keeps the report and the one JSON line. */
class EvaluateProgressTest {

  @TempDir
  Path dir;

  @Test
  void progressGoesToStderrAndTheJsonLineStaysClean() throws Exception {
    Path csv = dir.resolve("labeled.csv");
    StringBuilder rows = new StringBuilder("text,label\n");
    for (int i = 0; i < 150; i++) {
      rows.append("review number ").append(i).append(" was fine,").append(i % 3 - 1).append('\n');
    }
    Files.writeString(csv, rows);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("evaluate", "--data", csv.toString(), "--model", TINY_ROBERTA.toString(), "--json",
        "--progress-interval", "0");

    assertThat(status).as(err.toString()).isZero();
    // 64 texts a model call: after 64, 128 and all 150
    assertThat(err.toString().lines().filter(l -> l.startsWith("scored ")).toList())
        .hasSize(3)
        .satisfies(l -> assertThat(l.get(0)).startsWith("scored 64 of 150 texts (").contains("/s, ETA "))
        .satisfies(l -> assertThat(l.get(1)).startsWith("scored 128 of 150 texts ("))
        .satisfies(l -> assertThat(l.get(2)).startsWith("scored 150 of 150 texts (").contains(", in 0:"));
    assertThat(out.toString()).doesNotContain("scored ");
    List<String> lines = out.toString().lines().toList();
    assertThat(new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("accuracy").isNumber()).isTrue();
  }
}
