package io.feedbackpulse.web;

import io.feedbackpulse.topology.FeedbackTopology;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * /api/windows?channel=chat&limit=50: recent label windows per channel from the label-windows store.
 * Each channel's windows live on the instance that owns its partition; this instance answers for its
 * own and asks the owner for the rest. With local=true it answers from its own store only.
 */
final class WindowsEndpoint extends ChannelStoreEndpoint<WindowView> {
  private final LocalWindows local;

  /** @param channels every key of the store: the channels and "all" */
  WindowsEndpoint(KafkaStreams streams, LocalWindows local, RemoteInstance remote, HostInfo self,
      List<String> channels) {
    super(streams, remote, self, channels, "/api/windows", FeedbackTopology.LABEL_WINDOW_STORE, "the windows",
        WindowView.class);
    this.local = local;
  }

  @Override
  List<WindowView> local(String channel, int limit) {
    return local.recent(channel, limit);
  }
}
