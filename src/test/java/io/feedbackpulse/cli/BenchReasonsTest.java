package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bench reports what an alert's reasons cost (the real bge encoder on the alerts of the tiny RoBERTa, every negative
 * item alerting), without a broker (--model-only).
 */
class BenchReasonsTest {

  private JsonNode bench(StringWriter out, String... settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("bench", "--quick", "--model-only", "--json", "--model",
        TINY_ROBERTA.toString(), "--progress-interval", "0", "--set", "alerts.negative-threshold=0.0"));
    for (String setting : settings) {
      args.add("--set");
      args.add(setting);
    }
    int exit = App.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute(args.toArray(String[]::new));
    assertThat(exit).as(out.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }

  @Test
  void theReportCarriesTheMeanMicrosecondsOfOneAlertsReasons() throws Exception {
    StringWriter out = new StringWriter();
    JsonNode report = bench(out);

    assertThat(report.path("reasons_alerts").asInt()).isPositive();
    assertThat(report.path("reasons_us_per_alert").isNumber()).isTrue();
    assertThat(report.path("reasons_us_per_alert").asDouble()).isPositive().isFinite();
    assertThat(out.toString()).contains("reasons: " + report.path("reasons_alerts").asInt() + " alerts given reasons");
  }

  @Test
  void withReasonsOffThereIsNoFigure() throws Exception {
    StringWriter out = new StringWriter();
    JsonNode report = bench(out, "reasons.top=0");

    assertThat(report.has("reasons_us_per_alert")).isFalse();
    assertThat(out.toString()).contains("reasons: off (reasons.top=0)");
  }
}
