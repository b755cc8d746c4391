package io.feedbackpulse.web;

import io.feedbackpulse.quality.GroundTruthTopology;
import io.feedbackpulse.quality.LocalQuality;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * /api/quality?channel=chat&limit=50: recent quality windows of a channel (or all), every model version, from the
 * model-quality store. As for /api/windows, a channel's windows live on the instance that owns its partition of the
 * quality-by-channel topic: this instance answers for its own and asks the owner (local=true) for the rest.
 */
final class QualityEndpoint extends ChannelStoreEndpoint<QualityView> {
  private final LocalQuality local;

  /** @param channels every key of the store: the channels and "all" */
  QualityEndpoint(KafkaStreams streams, LocalQuality local, RemoteInstance remote, HostInfo self,
      List<String> channels) {
    super(streams, remote, self, channels, "/api/quality", GroundTruthTopology.MODEL_QUALITY_STORE, "the quality",
        QualityView.class);
    this.local = local;
  }

  @Override
  List<QualityView> local(String channel, int limit) {
    try {
      return local.recent(channel, limit).stream().map(QualityView::of).toList();
    } catch (InvalidStateStoreException e) {
      throw new UnavailableException("the quality store cannot be queried now: " + e.getMessage());
    }
  }
}
