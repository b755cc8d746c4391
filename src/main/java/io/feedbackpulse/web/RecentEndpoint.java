package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recent records of one topic, newest first: ?channel= keeps one channel's, ?limit= caps how many. */
final class RecentEndpoint implements HttpHandler {
  private final String name;
  private final RecentRecords<Map<String, Object>> records;
  private final int capacity;

  RecentEndpoint(String name, RecentRecords<Map<String, Object>> records, int capacity) {
    this.name = name;
    this.records = records;
    this.capacity = capacity;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    QueryParameters params = new QueryParameters(exchange.getRequestURI());
    int limit = params.limit("limit", capacity, capacity);
    Optional<String> channel = params.get("channel");
    List<Map<String, Object>> newest = records.newest(limit,
        r -> channel.isEmpty() || channel.get().equals(r.get("channel")));
    Responses.sendJson(exchange, 200, Map.of(name, newest));
  }
}
