package io.feedbackpulse.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wraps an output serde so that a value larger than a bound fails as a serialization error, before
 * the producer sees it. Kafka Streams hands serialization errors to the production exception
 * handler, which dead-letters the record; a too-large record handed to a transactional producer
 * instead aborts the whole transaction, and the same record is processed and refused again.
 */
public final class SizeBoundedSerde {
  private SizeBoundedSerde() {}

  public static <T> Serde<T> of(Serde<T> serde, int maxBytes) {
    Serializer<T> inner = serde.serializer();
    Serializer<T> bounded = new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T data) {
        return checked(topic, inner.serialize(topic, data));
      }

      @Override
      public byte[] serialize(String topic, Headers headers, T data) {
        return checked(topic, inner.serialize(topic, headers, data));
      }

      @Override
      public void close() {
        inner.close();
      }

      private byte[] checked(String topic, byte[] bytes) {
        if (bytes != null && bytes.length > maxBytes) {
          throw new OutputTooLargeException(topic, bytes.length, maxBytes);
        }
        return bytes;
      }
    };
    return Serdes.serdeFrom(bounded, serde.deserializer());
  }
}
