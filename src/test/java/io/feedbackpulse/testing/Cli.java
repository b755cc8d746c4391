package io.feedbackpulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** A command run in this JVM as a user runs it: its exit status and what it printed. */
public record Cli(int status, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The command with the cluster's settings after its own arguments. */
  public static Cli cli(List<String> cluster, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(cluster);
    return new Cli(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  public static Cli cli(String[] cluster, String... args) {
    return cli(List.of(cluster), args);
  }

  /** What a {@code --json} command printed, one JSON object a line. */
  public List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.strip().lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /** Each version {@code models list --json} lists, as "version stage". */
  public static List<String> modelStages(List<String> cluster) throws Exception {
    Cli list = cli(cluster, "models", "list", "--json");
    assertThat(list.status).as(list.err).isZero();
    List<String> stages = new ArrayList<>();
    for (JsonNode m : list.jsonLines()) {
      stages.add(m.path("version").asText() + " " + m.path("stage").asText());
    }
    return stages;
  }

  public static List<String> modelStages(String[] cluster) throws Exception {
    return modelStages(List.of(cluster));
  }
}
