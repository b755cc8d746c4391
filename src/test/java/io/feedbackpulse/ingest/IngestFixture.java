package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/** A registry over HTTP, real Apicurio serdes and an ingestor of the default channels, for one test class. */
final class IngestFixture implements AutoCloseable {

  /** Half a minute after the payload times the channel tests use (2024-06-03T08:15:30Z), as a producer would stamp them. */
  static final long RECORD_TIME = 1_717_402_560_000L;

  final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
  final AvroSerdes serdes = new AvroSerdes(RegistrySettings.of(registry.url()));
  final FeedbackIngestor ingestor;

  IngestFixture(int maxTextLength) {
    this(ChannelDefinition.defaults(), maxTextLength);
  }

  IngestFixture(List<ChannelDefinition> channels, int maxTextLength) {
    ingestor = new FeedbackIngestor(channels, new RawRecordDecoder(serdes.genericDeserializer()),
        new TextNormalizer(), new FeedbackValidator(maxTextLength));
  }

  /** The record as Apicurio's serializer frames it for the topic (subject {@code <topic>-value}). */
  @SuppressWarnings("unchecked")
  <T extends SpecificRecord> byte[] avro(String topic, T record) {
    return serdes.specific((Class<T>) record.getClass(), false).serializer().serialize(topic, record);
  }

  /** Confluent framing built by hand: 0x00, the 4-byte schema id, Avro binary. */
  static byte[] framed(int schemaId, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0);
      out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  IngestResult ingest(String topic, byte[] value) {
    return ingestor.ingest(topic, null, value, RECORD_TIME);
  }

  Feedback accepted(String topic, byte[] value) {
    IngestResult result = ingest(topic, value);
    assertThat(result).isInstanceOf(IngestResult.Accepted.class);
    return ((IngestResult.Accepted) result).feedback();
  }

  IngestResult.Rejected rejected(String topic, byte[] value) {
    IngestResult result = ingest(topic, value);
    assertThat(result).isInstanceOf(IngestResult.Rejected.class);
    return (IngestResult.Rejected) result;
  }

  @Override
  public void close() {
    registry.close();
  }
}
