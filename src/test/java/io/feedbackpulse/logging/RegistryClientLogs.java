package io.feedbackpulse.logging;

import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistryRetry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.SchemaRegistration;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A process that sets up logging as {@code App.main} does, then makes the Apicurio client find a registered schema
 * by its content (what the service's serializers do with auto-register=false, and where the client logs its
 * INFO through java.util.logging), and logs a java.util.logging warning of its own.
 */
public final class RegistryClientLogs {
  public static void main(String[] args) {
    LogFormat.setUp(System.getenv());
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      RegistrySettings settings = RegistrySettings.of(registry.url());
      new SchemaRegistration(settings, new RegistryRetry(1, Duration.ZERO))
          .register("feedback.dead-letter-value", DeadLetter.getClassSchema());
      try (Serializer<DeadLetter> serializer =
          new AvroSerdes(settings.withAutoRegister(false)).specific(DeadLetter.class, false).serializer()) {
        serializer.serialize("feedback.dead-letter", deadLetter());
      }
    }
    Logger.getLogger("io.apicurio.registry.Example").warning("a java.util.logging warning");
  }

  private static DeadLetter deadLetter() {
    return DeadLetter.newBuilder().setReason("invalid_json").setDetail("unexpected end of input")
        .setSourceTopic("feedback.raw.chat").setPartition(0).setOffset(7L)
        .setRecordTimestamp(Instant.ofEpochMilli(1_717_400_000_000L)).setFailedAt(Instant.ofEpochMilli(1_717_400_000_500L))
        .setChannel("chat").setOriginalKey(null).setOriginalValue(ByteBuffer.wrap(new byte[] {'{'})).build();
  }
}
