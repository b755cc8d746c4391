package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.ingest.ChannelDefinition;
import io.feedbackpulse.ingest.FeedbackIngestor;
import io.feedbackpulse.ingest.FeedbackValidator;
import io.feedbackpulse.ingest.IngestResult;
import io.feedbackpulse.ingest.RawRecordDecoder;
import io.feedbackpulse.ingest.TextNormalizer;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class MalformedRecordsTest {
  @Test
  void everyRecordIsRejectedByTheRealIngestorForOneOfSeveralReasons() {
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      FeedbackIngestor ingestor = new FeedbackIngestor(ChannelDefinition.defaults(),
          new RawRecordDecoder(new AvroSerdes(RegistrySettings.of(registry.url())).genericDeserializer()),
          new TextNormalizer(), new FeedbackValidator(FeedbackValidator.DEFAULT_MAX_TEXT_LENGTH));
      MalformedRecords malformed = new MalformedRecords(1);
      Set<String> reasons = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        ProducerRecord<byte[], byte[]> r = malformed.next();
        IngestResult result = ingestor.ingest(r.topic(), r.key(), r.value(), 0L);
        assertThat(result).isInstanceOf(IngestResult.Rejected.class);
        reasons.add(((IngestResult.Rejected) result).reason().code());
      }
      assertThat(reasons).contains("unknown_format", "invalid_json", "missing_field", "wrong_field_type",
          "empty_text", "unknown_schema_id");
    }
  }
}
