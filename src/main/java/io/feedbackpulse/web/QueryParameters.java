package io.feedbackpulse.web;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The query string of a request URI, decoded. */
final class QueryParameters {
  private final Map<String, String> values = new LinkedHashMap<>();

  QueryParameters(URI uri) {
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      values.putIfAbsent(name, value);
    }
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
  }

  /** The channel asked for, which must be one of known (else 400); empty when none is. */
  Optional<String> channel(List<String> known) {
    Optional<String> channel = get("channel");
    channel.filter(c -> !known.contains(c)).ifPresent(c -> {
      throw new BadRequestException("unknown channel '" + c + "'; known: " + known);
    });
    return channel;
  }

  /** A positive whole number no larger than max; the default when absent. */
  int limit(String name, int defaultValue, int max) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return Math.min(defaultValue, max);
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < 1) {
        throw new BadRequestException(name + " must be at least 1, got " + value);
      }
      return Math.min(value, max);
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be a whole number, got '" + raw.get() + "'");
    }
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(values.get(name));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
