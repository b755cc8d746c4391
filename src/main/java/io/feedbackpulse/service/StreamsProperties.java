package io.feedbackpulse.service;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.streams.DeadLetteringExceptionHandler;
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
    deadLetterUnexpectedErrors(p, s);
    p.putAll(s.kafka());
    return p;
  }

  /** Records that fail in a way no processor foresaw become dead letters too (KIP-1034), see the handler. */
  private static void deadLetterUnexpectedErrors(Properties p, Settings s) {
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, s.string("topic.dead-letter"));
    s.asMap().forEach((key, value) -> {
      if (key.startsWith("schema.registry.") || key.startsWith("dead-letter.")) {
        p.put(DeadLetteringExceptionHandler.SETTINGS_PREFIX + key, value);
      }
    });
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
