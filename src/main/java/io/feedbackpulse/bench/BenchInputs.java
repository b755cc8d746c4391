package io.feedbackpulse.bench;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.demo.SampleChannel;
import io.feedbackpulse.demo.SampleReview;
import io.feedbackpulse.demo.SampleTraffic;
import io.feedbackpulse.ingest.FeedbackIngestor;
import io.feedbackpulse.ingest.IngestResult;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.service.Pipeline;
import io.feedbackpulse.service.ServiceOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the bench measures, the same for the model alone and for the whole service: the demo's channel mix of
 * records, and the texts the service's own ingest makes of them (what its model reads). The raw bench scores
 * {@link #texts()}; the pipeline bench produces {@link #records()}, so {@code pipeline_over_raw} compares like
 * with like.
 */
public final class BenchInputs {
  private final List<ProducerRecord<byte[], byte[]>> records;
  private final List<String> texts;

  private BenchInputs(List<ProducerRecord<byte[], byte[]>> records, List<String> texts) {
    this.records = List.copyOf(records);
    this.texts = List.copyOf(texts);
  }

  /**
   * @param settings the service's settings: its channel topics and ingest (no registry is called: the records are
   *     JSON)
   * @throws IllegalStateException if the service would reject a record, which the model alone would then score
   *     and the pipeline not
   */
  public static BenchInputs of(Settings settings, List<SampleReview> reviews, int count, long seed, Clock clock) {
    ServiceOptions options = ServiceOptions.from(settings);
    FeedbackIngestor ingestor = Pipeline.ingestor(options, new AvroSerdes(options.registry()));
    Map<SampleChannel, String> topics = new EnumMap<>(SampleChannel.class);
    for (SampleChannel c : SampleChannel.values()) {
      topics.put(c, settings.string("topic." + c.name().toLowerCase(Locale.ROOT)));
    }
    SampleTraffic traffic = new SampleTraffic(reviews, seed, clock, topics);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ProducerRecord<byte[], byte[]> r = traffic.next();
      IngestResult result = ingestor.ingest(r.topic(), r.key(), r.value(), r.timestamp());
      if (!(result instanceof IngestResult.Accepted accepted)) {
        throw new IllegalStateException("bench input " + i + " on " + r.topic() + " is rejected by ingest: " + result);
      }
      records.add(r);
      texts.add(accepted.feedback().getText());
    }
    return new BenchInputs(records, texts);
  }

  /** The channel records the pipeline runs on, in the order they are produced. */
  public List<ProducerRecord<byte[], byte[]>> records() {
    return records;
  }

  /** The texts the service's model reads of {@link #records()}, in the same order: what the raw bench scores. */
  public List<String> texts() {
    return texts;
  }
}
