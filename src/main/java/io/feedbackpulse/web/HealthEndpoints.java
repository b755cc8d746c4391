package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpHandler;
import io.feedbackpulse.service.Health;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * /health/live: the process answers. /health/ready: 200 only while the service can do its work, else 503 and why,
 * from the latest health sample (a probe computes nothing, so each one answers the same as the last).
 */
final class HealthEndpoints {
  private HealthEndpoints() {}

  static HttpHandler live() {
    return exchange -> Responses.sendJson(exchange, 200, Map.of("status", "live"));
  }

  static HttpHandler ready(Supplier<Health> health) {
    return exchange -> {
      Health h = health.get();
      Optional<String> reason = h.notReadyBecause();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", reason.isEmpty() ? "ready" : "not ready");
      reason.ifPresent(r -> body.put("reason", r));
      body.put("streams", h.streams().name());
      body.put("connected", h.connected());
      body.put("stalled", h.stalled());
      body.put("consumerLag", h.consumerLag());
      body.put("pendingInference", h.pendingInference());
      body.put("pendingAlerts", h.pendingAlerts());
      body.put("alertsStalled", h.alertsStalled());
      body.put("secondsWithoutAlertProgress", h.alertsWithoutProgress().toMillis() / 1000.0);
      body.put("secondsWithoutProgress", h.withoutProgress().toMillis() / 1000.0);
      body.put("sampledAt", h.sampledAt() == null ? null : h.sampledAt().toString());
      Responses.sendJson(exchange, reason.isEmpty() ? 200 : 503, body);
    };
  }
}
