package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.feedbackpulse.quality.GroundTruthTopology;
import io.feedbackpulse.quality.LocalQuality;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * /api/quality?channel=chat&limit=50: recent quality windows of a channel (or all), every model version, from the
 * model-quality store. As for /api/windows, a channel's windows live on the instance that owns its partition of the
 * quality-by-channel topic: this instance answers for its own and asks the owner (local=true) for the rest.
 */
final class QualityEndpoint implements HttpHandler {
  record Answer(List<QualityView> windows) {}

  private final KafkaStreams streams;
  private final LocalQuality local;
  private final HostInfo self;
  private final List<String> channels;
  private final RemoteInstance remote;

  /** @param channels every key of the store: the channels and "all" */
  QualityEndpoint(KafkaStreams streams, LocalQuality local, RemoteInstance remote, HostInfo self,
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
    int limit = params.limit("limit", WindowsEndpoint.DEFAULT_LIMIT, WindowsEndpoint.MAX_LIMIT);
    List<String> keys = params.get("channel").map(List::of).orElse(channels);
    keys.stream().filter(k -> !channels.contains(k)).findFirst().ifPresent(k -> {
      throw new BadRequestException("unknown channel '" + k + "'; known: " + channels);
    });
    boolean localOnly = params.flag("local");
    List<QualityView> windows = new ArrayList<>();
    for (String channel : keys) {
      windows.addAll(localOnly ? local(channel, limit) : fromOwner(channel, limit));
    }
    Responses.sendJson(exchange, 200, new Answer(windows));
  }

  private List<QualityView> local(String channel, int limit) {
    try {
      return local.recent(channel, limit).stream().map(QualityView::of).toList();
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException("the quality store cannot be queried now: " + e.getMessage());
    }
  }

  private List<QualityView> fromOwner(String channel, int limit) {
    KeyQueryMetadata owner = streams.queryMetadataForKey(GroundTruthTopology.MODEL_QUALITY_STORE, channel,
        Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new UnavailableException("no instance hosts the quality of '" + channel + "' now (rebalancing?)");
    }
    return owner.activeHost().equals(self) ? local(channel, limit)
        : remote.local(owner.activeHost(), "/api/quality", channel, limit, Answer.class).windows();
  }
}
