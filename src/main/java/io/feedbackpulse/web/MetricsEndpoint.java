package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** /metrics: every meter in the Prometheus text format. */
final class MetricsEndpoint implements HttpHandler {
  private final PrometheusMetrics metrics;

  MetricsEndpoint(PrometheusMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Responses.send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
        metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
