package io.feedbackpulse.web;

import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedbackpulse.App;
import io.feedbackpulse.testing.ModelVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
