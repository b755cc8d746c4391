package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** /health/live: the process answers. /health/ready: 200 only while the service can do its work, else 503 and why. */
final class HealthEndpoints {
  private HealthEndpoints() {}

  static HttpHandler live() {
    return exchange -> Responses.sendJson(exchange, 200, Map.of("status", "live"));
  }

  static HttpHandler ready(Readiness readiness) {
    return exchange -> {
      Optional<String> reason = readiness.notReadyBecause();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", reason.isEmpty() ? "ready" : "not ready");
      reason.ifPresent(r -> body.put("reason", r));
      body.put("streams", readiness.streamsState().name());
      Responses.sendJson(exchange, reason.isEmpty() ? 200 : 503, body);
    };
  }
}
