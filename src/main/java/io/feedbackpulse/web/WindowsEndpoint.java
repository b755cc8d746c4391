package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.feedbackpulse.topology.FeedbackTopology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * /api/windows?channel=chat&limit=50: recent label windows per channel from the label-windows store.
 * Each channel's windows live on the instance that owns its partition; this instance answers for its
 * own and asks the owner for the rest. With local=true it answers from its own store only.
 */
final class WindowsEndpoint implements HttpHandler {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  record Answer(List<WindowView> windows) {}

  private final KafkaStreams streams;
  private final LocalWindows local;
  private final RemoteInstance remote;
  private final HostInfo self;
  private final List<String> channels;

  /** @param channels every key of the store: the channels and "all" */
  WindowsEndpoint(KafkaStreams streams, LocalWindows local, RemoteInstance remote, HostInfo self,
      List<String> channels) {
    this.streams = streams;
    this.local = local;
    this.remote = remote;
    this.self = self;
    this.channels = channels;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    QueryParameters params = new QueryParameters(exchange.getRequestURI());
    int limit = params.limit("limit", DEFAULT_LIMIT, MAX_LIMIT);
    List<String> keys = params.get("channel").map(List::of).orElse(channels);
    keys.stream().filter(k -> !channels.contains(k)).findFirst().ifPresent(k -> {
      throw new BadRequestException("unknown channel '" + k + "'; known: " + channels);
    });
    boolean localOnly = params.flag("local");
    List<WindowView> windows = new ArrayList<>();
    for (String channel : keys) {
      windows.addAll(localOnly ? local.recent(channel, limit) : fromOwner(channel, limit));
    }
    Responses.sendJson(exchange, 200, new Answer(windows));
  }

  private List<WindowView> fromOwner(String channel, int limit) {
    KeyQueryMetadata owner = streams.queryMetadataForKey(FeedbackTopology.LABEL_WINDOW_STORE, channel,
        Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new UnavailableException("no instance hosts the windows of '" + channel + "' now (rebalancing?)");
    }
    return owner.activeHost().equals(self) ? local.recent(channel, limit)
        : remote.local(owner.activeHost(), "/api/windows", channel, limit, Answer.class).windows();
  }
}
