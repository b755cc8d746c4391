package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recent records of one topic, newest first: ?channel= keeps one channel's (a known one, else 400), ?limit= caps
 * how many.
 */
final class RecentEndpoint implements HttpHandler {
  private final String name;
  private final RecentRecords<Map<String, Object>> records;
  private final int capacity;
  private final List<String> channels;

  /** @param channels the channels a record may name: the service's channels and "all" */
  RecentEndpoint(String name, RecentRecords<Map<String, Object>> records, int capacity, List<String> channels) {
    this.name = name;
    this.records = records;
    this.capacity = capacity;
    this.channels = List.copyOf(channels);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    QueryParameters params = new QueryParameters(exchange.getRequestURI());
    int limit = params.limit("limit", capacity, capacity);
    Optional<String> channel = params.channel(channels);
    List<Map<String, Object>> newest = records.newest(limit,
        r -> channel.isEmpty() || channel.get().equals(r.get("channel")));
    Responses.sendJson(exchange, 200, Map.of(name, newest));
  }
}
