package io.feedbackpulse.alert;

import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.config.SettingsException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which topic, besides the alerts topic, an alert goes to by its first complaint reason ({@code alerts.routes}:
 * {@code reason:topic,...}), so that a team reads only the alerts about its own part of the business. Several
 * reasons may share a topic; a reason has one.
 */
public record AlertRoutes(Map<String, String> topicOfReason) {
  public static final String SETTING = "alerts.routes";

  public AlertRoutes {
    topicOfReason = Collections.unmodifiableMap(new LinkedHashMap<>(topicOfReason));
  }

  public static AlertRoutes none() {
    return new AlertRoutes(Map.of());
  }

  /** @throws SettingsException naming the entry, for one without a colon, a reason or a topic, or a reason given twice */
  public static AlertRoutes parse(String value) {
    Map<String, String> routes = new LinkedHashMap<>();
    if (value == null || value.isBlank()) {
      return new AlertRoutes(routes);
    }
    for (String entry : value.split(",")) {
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw malformed(entry, "is not reason:topic");
      }
      String reason = entry.substring(0, colon).trim();
      String topic = entry.substring(colon + 1).trim();
      if (reason.isEmpty() || topic.isEmpty()) {
        throw malformed(entry, reason.isEmpty() ? "has no reason" : "has no topic");
      }
      if (routes.keySet().stream().anyMatch(r -> r.equalsIgnoreCase(reason))) {
        throw malformed(entry, "routes reason '" + reason + "' a second time");
      }
      routes.put(reason, topic);
    }
    return new AlertRoutes(routes);
  }

  private static SettingsException malformed(String entry, String problem) {
    return new SettingsException(SETTING + ": '" + entry.trim() + "' " + problem
        + " (expected reason:topic,..., e.g. delivery:support.alerts.delivery)");
  }

  /**
   * @param reasons the names of the taxonomy's reasons, {@code other} included
   * @throws SettingsException for a route of a reason that is not one of them
   */
  public AlertRoutes checkedAgainst(Collection<String> reasons) {
    for (String reason : topicOfReason.keySet()) {
      if (!reasons.contains(reason)) {
        throw new SettingsException(SETTING + ": '" + reason + "' is not a reason of the taxonomy ("
            + String.join(", ", reasons) + ")");
      }
    }
    return this;
  }

  public boolean isEmpty() {
    return topicOfReason.isEmpty();
  }

  /** The routed topics, each once, in the order the setting names them. */
  public List<String> topics() {
    return topicOfReason.values().stream().distinct().toList();
  }

  /** The topic the alert goes to besides the alerts topic: its first reason's, if that has one. */
  public Optional<String> topicOf(SupportAlert alert) {
    if (alert.getReasons() == null || alert.getReasons().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(topicOfReason.get(alert.getReasons().get(0).getName()));
  }
}
