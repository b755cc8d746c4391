package io.feedbackpulse.web;

import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.App;
import io.feedbackpulse.avro.PipelineRun;
import io.feedbackpulse.avro.PipelineRunStatus;
import io.feedbackpulse.avro.PipelineStepStatus;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.pipeline.PipelineRunsTopic;
import io.feedbackpulse.pipeline.RunJournal;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.service.StreamsProperties;
import io.feedbackpulse.streams.TopicNames;
import io.feedbackpulse.testing.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard of a running service in a real headless Chromium: the page loads ECharts from the
 * WebJar, and its charts fill with the windows the service computes. Needs Debian's chromium and
 * chromium-driver (apt-get install -y chromium chromium-driver); skipped without them.
 */
class DashboardBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String SHIPPED_REASONS = "(delivery|returns_and_refunds|billing_and_payment|product_quality"
      + "|wrong_or_missing_item|customer_service|website_and_app|account_and_login|price|other)";

  @TempDir
  static Path dir;

  static LiveServiceFixture live;
  static ServiceWithHttp service;
  static ChromeDriver browser;

  @BeforeAll
  static void start() {
    require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no headless Chromium: install it with apt-get install -y chromium chromium-driver");
    live = new LiveServiceFixture(dir, "dashboard-it");
    service = live.startInstance();
    // a champion and a shadow challenger, so the champion-vs-challenger panel has windows to show
    ModelVersions versions = new ModelVersions(dir.resolve("models"));
    models("register", "--dir", versions.sameLabels("v1").toString(), "--version", "v1");
    models("promote", "v1");
    models("register", "--dir", versions.rotatedLabels("shadow-v2").toString(), "--version", "shadow-v2");
    models("shadow", "shadow-v2");
    live.startTraffic(20);
    System.setProperty("SE_OFFLINE", "true"); // Selenium Manager must not download a browser or driver
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
        "--user-data-dir=" + dir.resolve("chromium-profile"));
    browser = new ChromeDriver(driver, options);
  }

  private static void models(String... args) {
    List<String> all = new ArrayList<>(List.of("models"));
    all.addAll(List.of(args));
    all.addAll(List.of("--bootstrap-servers", live.broker.bootstrapServers(), "--set",
        "schema.registry.url=" + live.registry.url(), "--set", "schema.registry.auto-register=true"));
    assertThat(App.commandLine().execute(all.toArray(String[]::new))).as(String.join(" ", all)).isZero();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (live != null) {
      live.close();
    }
  }

  @Test
  void chartsRenderTheServicesWindows() {
    browser.get(service.url());
    JavascriptExecutor js = browser;
    assertThat(js.executeScript("return typeof echarts")).as("ECharts loaded from the WebJar").isEqualTo("object");

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> chart = (Map<String, Object>) js.executeScript("""
          var el = document.getElementById('shares-all');
          var chart = el && echarts.getInstanceByDom(el);
          if (!chart) { return null; }
          var series = chart.getOption().series;
          var drift = echarts.getInstanceByDom(document.getElementById('drift-all')).getOption().series[0];
          var confidence = echarts.getInstanceByDom(document.getElementById('confidence-all')).getOption().series[0];
          return { series: series.map(function (s) { return s.name; }), points: series[0].data.length,
            driftPoints: drift.data.length, confidencePoints: confidence.data.length,
            canvases: el.querySelectorAll('canvas').length,
            status: document.getElementById('status').textContent };
          """);
      assertThat(chart).as("the chart of all channels exists").isNotNull();
      assertThat(chart.get("series")).isEqualTo(List.of("negative", "neutral", "positive"));
      assertThat((Long) chart.get("points")).as("label share points").isPositive();
      assertThat((Long) chart.get("driftPoints")).as("JS distance points of closed windows").isPositive();
      assertThat((Long) chart.get("confidencePoints")).isPositive();
      assertThat((Long) chart.get("canvases")).isPositive();
      assertThat(chart.get("status")).isEqualTo("ready");
    });

    @SuppressWarnings("unchecked")
    List<String> rows = (List<String>) js.executeScript(
        "return Array.from(document.querySelectorAll('.channel')).map(function (r) { return r.dataset.channel; })");
    assertThat(rows).contains("email", "chat", "app", "social", "all");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((Long) js.executeScript(
        "return document.querySelectorAll('#alert-table tbody tr').length")).as("alerts listed").isPositive());
    // the alerts' reasons (the shipped taxonomy's, or other), on the alerts and per channel over the windows
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((String) js.executeScript(
        "return Array.from(document.querySelectorAll('#alert-table tbody td.reasons .reason'))"
            + ".map(function (s) { return s.textContent; }).join(',')"))
        .as("an alert row shows its reasons").containsPattern("(^|,)" + SHIPPED_REASONS + "(,|$)"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((String) js.executeScript(
        "return document.getElementById('reason-totals-all').textContent"))
        .as("the reasons panel counts the reasons of all channels' alerts")
        .containsPattern(SHIPPED_REASONS + " \\d+"));
    assertThat((Long) js.executeScript("""
        var series = echarts.getInstanceByDom(document.getElementById('reasons-all')).getOption().series;
        return series.filter(function (s) { return s.type === 'bar' && s.data.length > 0; }).length;
        """)).as("the reasons chart stacks a bar series per reason").isPositive();
    // the sample's app reviews carry ratings, which label them: their channel's quality is listed
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((String) js.executeScript(
        "return Array.from(document.querySelectorAll('#quality-table tbody tr td:nth-child(2)'))"
            + ".map(function (td) { return td.textContent; }).join(',')")).as("quality listed").contains("app"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((String) js.executeScript(
        "return document.getElementById('serving').textContent")).contains("shadow challenger shadow-v2"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((String) js.executeScript(
        "return Array.from(document.querySelectorAll('#comparison-table tbody tr'))"
            + ".map(function (tr) { return tr.children[1].textContent + ' ' + tr.children[4].textContent"
            + " + ' ' + tr.children[6].textContent; }).join(',')"))
        .as("champion-vs-challenger windows listed: the rotated challenger agrees on nothing")
        .contains("all shadow-v2 0.000"));
  }

  /** The Pipeline runs panel: its empty state, then the two runs {@link #writePipelineRuns} writes, newest first. */
  @Test
  void pipelinePanelShowsEachRunsStepsAndVerdicts() {
    browser.get(service.url());
    JavascriptExecutor js = browser;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat((String) js.executeScript(
        "return window.feedbackPulse.refreshes > 0 ? document.getElementById('pipeline-runs').textContent : null"))
        .as("the pipeline panel before any run").isEqualTo("no pipeline runs yet"));
    writePipelineRuns();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat((List<?>) js.executeScript(
        "return Array.from(document.querySelectorAll('#pipeline-runs .run'))"
            + ".map(function (r) { return r.dataset.run; })"))
        .as("the runs, newest first").isEqualTo(List.of("r-dashboard-promoted", "r-dashboard-refused")));
    @SuppressWarnings("unchecked")
    Map<String, String> promoted = (Map<String, String>) js.executeScript("""
        var run = document.querySelector('#pipeline-runs .run[data-run="r-dashboard-promoted"]');
        var out = { head: run.querySelector('.run-head').textContent,
          reason: run.querySelector('.run-reason').textContent };
        run.querySelectorAll('tbody tr').forEach(function (tr) {
          out[tr.dataset.step] = Array.from(tr.children).map(function (td) { return td.textContent; }).join(' | ');
        });
        return out;
        """);
    assertThat(promoted.get("head")).contains("succeeded", "trigger: labels: 240 labels since",
        "candidate pipeline-r-dashboard-promoted vs champion v1", "channels chat");
    assertThat(promoted.get("reason")).isEqualTo("promoted pipeline-r-dashboard-promoted to champion");
    assertThat(promoted.get("snapshot")).startsWith("snapshot | succeeded | ")
        .contains("rows 240, labels -1: 80 0: 70 1: 90, sha256:0123456789ab…");
    assertThat(promoted.get("checks")).startsWith("checks | succeeded").endsWith("| passed");
    assertThat(promoted.get("train")).contains("frozen encoder + head, epochs 40, learning rate 0.001");
    assertThat(promoted.get("evaluate")).contains("held-out n=36, candidate F1 0.8123 ECE 0.0410, champion F1 "
        + "0.7900 ECE 0.0520; fixed.csv n=250, candidate F1 0.7011 ECE n/a, champion F1 0.6950 ECE 0.0800");
    assertThat(promoted.get("register")).contains("version pipeline-r-dashboard-promoted");
    assertThat(promoted.get("rollout")).contains("canary: share 0.1: n=210 agreement 0.9620; share 0.5: n=205 "
        + "agreement 0.9512; stage champion");
    assertThat((String) js.executeScript("return document.querySelector("
        + "'#pipeline-runs .run[data-run=\"r-dashboard-refused\"]').textContent"))
        .as("a refused run: its status, reason and the refusing step's verdict")
        .contains("refused", "checks: 12 rows, below pipeline.checks.min-rows 200", "candidate – vs champion v1");
  }

  /**
   * Two runs on pipeline.runs through the journal the pipeline writes with: one refused at its checks, and a newer
   * one that went through every step to a canary and its promotion.
   */
  private static void writePipelineRuns() {
    Settings settings = service.service().pipeline().settings();
    try (PipelineRunsTopic topic = new PipelineRunsTopic(StreamsProperties.clientProperties(settings),
        TopicNames.from(settings).pipelineRuns(),
        new AvroSerdes(RegistrySettings.from(settings)).specific(PipelineRun.class, false),
        Duration.ofSeconds(30))) {
      RunJournal refused = RunJournal.start("r-dashboard-refused", "command", List.of(), Optional.empty(),
          Optional.of("v1"), topic::write, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
      refused.startStep("snapshot", Map.of("channels", "all", "since", "all"));
      refused.endStep(PipelineStepStatus.succeeded, Map.of("rows", "12", "label.-1", "12"), "12 labelled items");
      refused.startStep("checks", Map.of("rows", "12"));
      refused.endStep(PipelineStepStatus.refused, Map.of(), "12 rows, below pipeline.checks.min-rows 200");
      refused.end(PipelineRunStatus.refused, "checks: 12 rows, below pipeline.checks.min-rows 200");

      String version = "pipeline-r-dashboard-promoted";
      RunJournal run = RunJournal.start("r-dashboard-promoted", "labels: 240 labels since 2026-12-07T10:00:00Z",
          List.of("chat"), Optional.empty(), Optional.of("v1"), topic::write, Clock.systemUTC());
      run.startStep("snapshot", Map.of("channels", "chat", "since", "all"));
      run.endStep(PipelineStepStatus.succeeded, ordered("sha256", "sha256:0123456789abcdef", "rows", "240",
          "label.-1", "80", "label.0", "70", "label.1", "90"), "240 labelled items");
      run.startStep("checks", Map.of("rows", "240"));
      run.endStep(PipelineStepStatus.succeeded, Map.of("chat.class_imbalance", "-1.0000"), "passed");
      run.startStep("train", Map.of("rows", "240"));
      run.endStep(PipelineStepStatus.succeeded, ordered("method", "frozen encoder + head", "epochs", "40",
          "learning_rate", "0.001"), "frozen-encoder head trained");
      run.candidate(version);
      run.startStep("evaluate", Map.of("held-out", "sha256:aa", "fixed.csv", "sha256:bb"));
      run.endStep(PipelineStepStatus.succeeded, ordered("held-out.n", "36", "held-out.candidate.version", version,
          "held-out.candidate.macro_f1", "0.8123", "held-out.candidate.ece", "0.0410",
          "held-out.champion.version", "v1", "held-out.champion.macro_f1", "0.7900", "held-out.champion.ece", "0.0520",
          "fixed.csv.n", "250", "fixed.csv.candidate.version", version, "fixed.csv.candidate.macro_f1", "0.7011",
          "fixed.csv.candidate.ece", "n/a", "fixed.csv.champion.version", "v1", "fixed.csv.champion.macro_f1",
          "0.6950", "fixed.csv.champion.ece", "0.0800"), "held-out: passed; fixed.csv: passed");
      run.startStep("register", Map.of("model_id", "m-1", "location", "/store/models/" + version));
      run.endStep(PipelineStepStatus.succeeded, Map.of("version", version), "registered " + version);
      run.startStep("rollout", Map.of("rollout", "canary"));
      run.endStep(PipelineStepStatus.succeeded, ordered("canary.0.5.n", "205", "canary.0.5.agreement", "0.9512",
          "canary.0.1.n", "210", "canary.0.1.agreement", "0.9620", "stage", "champion"),
          "promoted " + version + " to champion");
      run.end(PipelineRunStatus.succeeded, "promoted " + version + " to champion");
    }
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
