package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.TrainingSplits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate} with several {@code --data} files rebuilds each source's held-out split as {@code train} draws
 * it from the same files in the same order, and reports by source and by domain beside the whole.
 */
class EvaluateSourcesTest {

  @TempDir
  Path dir;

  @Test
  void severalFilesAreReportedBySourceAndDomainOnTheirOwnHeldOutSplits() throws Exception {
    Path tweets = write("tweets.csv", "tweet", "semeval", 120);
    Path news = write("news.csv", "news", "vader", 80);
    int heldOut = TrainingSplits.read(List.of(tweets, news), 7, 0.15, 0.1).test().size();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("evaluate", "--data", tweets.toString(), "--data", news.toString(), "--test-split", "7",
        "--model", TINY_ROBERTA.toString(), "--json", "--progress-interval", "PT1H");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("held-out split by source").contains("held-out split by domain")
        .contains("on tweets.csv, news.csv (held-out test split of seed 7)");
    List<String> lines = out.toString().lines().toList();
    JsonNode figures = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(figures.get("n").asInt()).isEqualTo(heldOut);
    // 15% of each source, stratified by class: 18 of 120 tweets, 12 of 80 news texts
    assertThat(figures.path("by_source").path("semeval").path("n").asInt()).isEqualTo(18);
    assertThat(figures.path("by_source").path("vader").path("n").asInt()).isEqualTo(12);
    assertThat(figures.path("by_domain").path("tweet").path("n").asInt()).isEqualTo(18);
    assertThat(figures.path("by_domain").path("news").path("n").asInt()).isEqualTo(12);
    assertThat(heldOut).isEqualTo(18 + 12);
    assertThat(LabeledCsv.read(tweets)).hasSize(120);
  }

  private Path write(String name, String domain, String source, int rows) throws Exception {
    List<String> lines = new ArrayList<>(List.of("text,label,domain,source"));
    for (int i = 0; i < rows; i++) {
      lines.add("\"" + domain + " text number " + i + " was fine\"," + (i % 3 - 1) + "," + domain + "," + source);
    }
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }
}
