package io.feedbackpulse.testing;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producers of raw bytes, as a channel's producer (or a hostile one) sends them to the broker. */
public final class RawProducers {
  private RawProducers() {}

  /**
   * acks=all; a request size well above the broker's default message size, so the broker, not the client,
   * judges records near its limit.
   */
  public static KafkaProducer<byte[], byte[]> to(String bootstrapServers) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("acks", "all");
    p.put("max.request.size", Integer.toString(4 * 1024 * 1024));
    p.put("linger.ms", "5");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
