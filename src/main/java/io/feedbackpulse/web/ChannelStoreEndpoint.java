package io.feedbackpulse.web;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Recent windows per channel from a store keyed by channel: ?channel= keeps one (a known one, else 400), ?limit= caps
 * how many per channel. Each channel's windows live on the instance that owns its partition of the store; this
 * instance answers for its own and asks the owner for the rest. With local=true it answers from its own store only,
 * which is how the owner is asked.
 */
abstract class ChannelStoreEndpoint<V> implements HttpHandler {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  /** Every instance's answer: {"windows": [...]}. */
  record Answer<V>(List<V> windows) {}

  private final KafkaStreams streams;
  private final RemoteInstance remote;
  private final HostInfo self;
  private final List<String> channels;
  private final String path;
  private final String store;
  private final String what;
  private final JavaType answer;

  /**
   * @param channels every key of the store: the channels and "all"
   * @param path where every instance serves this endpoint
   * @param store the store whose partitions the instances own
   * @param what what a channel's windows are, as the error names them when no instance hosts them
   * @param view the type of a window, to read another instance's answer
   */
  ChannelStoreEndpoint(KafkaStreams streams, RemoteInstance remote, HostInfo self, List<String> channels, String path,
      String store, String what, Class<V> view) {
    this.streams = streams;
    this.remote = remote;
    this.self = self;
    this.channels = channels;
    this.path = path;
    this.store = store;
    this.what = what;
    this.answer = answerOf(view);
  }

  /** The type of an answer of windows of this type, as another instance's JSON is read into. */
  static JavaType answerOf(Class<?> view) {
    return TypeFactory.defaultInstance().constructParametricType(Answer.class, view);
  }

  /** This instance's windows of a channel, newest first, at most limit. */
  abstract List<V> local(String channel, int limit);

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    QueryParameters params = new QueryParameters(exchange.getRequestURI());
    int limit = params.limit("limit", DEFAULT_LIMIT, MAX_LIMIT);
    List<String> keys = params.channel(channels).map(List::of).orElse(channels);
    boolean localOnly = params.flag("local");
    List<V> windows = new ArrayList<>();
    for (String channel : keys) {
      windows.addAll(localOnly ? local(channel, limit) : fromOwner(channel, limit));
    }
    Responses.sendJson(exchange, 200, new Answer<>(windows));
  }

  private List<V> fromOwner(String channel, int limit) {
    KeyQueryMetadata owner = streams.queryMetadataForKey(store, channel, Serdes.String().serializer());
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new UnavailableException("no instance hosts " + what + " of '" + channel + "' now (rebalancing?)");
    }
    if (owner.activeHost().equals(self)) {
      return local(channel, limit);
    }
    Answer<V> theirs = remote.local(owner.activeHost(), path, channel, limit, answer);
    return theirs.windows();
  }
}
