package io.feedbackpulse.service;

import io.feedbackpulse.config.Settings;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties from the service's settings; {@code kafka.*} settings win. */
public final class StreamsProperties {
  private StreamsProperties() {}

  public static Properties from(Settings s) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.string("application.id"));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, s.string("bootstrap.servers"));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.string("processing.guarantee"));
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.string("stream.threads"));
    p.putAll(s.kafka());
    return p;
  }

  /** Properties for the service's own Admin, producer and consumer clients: the connection settings only. */
  public static Properties clientProperties(Settings s) {
    Properties p = new Properties();
    p.put("bootstrap.servers", s.string("bootstrap.servers"));
    s.kafka().forEach((k, v) -> {
      if (isClientConnectionSetting(k)) {
        p.put(k, v);
      }
    });
    return p;
  }

  private static boolean isClientConnectionSetting(String key) {
    return key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")
        || key.equals("client.dns.lookup") || key.equals("bootstrap.servers");
  }
}
