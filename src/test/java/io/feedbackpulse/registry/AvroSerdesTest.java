package io.feedbackpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.avro.channel.ChatFeedback;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

  private InMemorySchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = InMemorySchemaRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void decodesAPayloadFramedAsConfluentsSerializerWritesIt() throws Exception {
    int id = registry.register("feedback.raw.chat-value", ChatFeedback.getClassSchema());
    GenericRecord chat = new GenericData.Record(ChatFeedback.getClassSchema());
    chat.put("messageId", "m-1042");
    chat.put("text", "Where is my parcel?");
    chat.put("sentAt", 1_717_400_000_000L);
    GenericRecord decoded = new AvroSerdes(RegistrySettings.of(registry.url()))
        .genericDeserializer().deserialize("feedback.raw.chat", framed(id, chat));

    assertThat(decoded.getSchema().getFullName()).isEqualTo("io.feedbackpulse.avro.channel.ChatFeedback");
    assertThat(decoded.get("messageId")).hasToString("m-1042");
    assertThat(decoded.get("text")).hasToString("Where is my parcel?");
    assertThat(decoded.get("sentAt")).isEqualTo(1_717_400_000_000L);
    assertThat(decoded.get("customerId")).isNull();
  }

  @Test
  void outputDecodesWithPlainAvroUsingTheSchemaFetchedById() throws Exception {
    DeadLetter letter = deadLetter();

    byte[] bytes = new AvroSerdes(RegistrySettings.of(registry.url()))
        .specific(DeadLetter.class, false).serializer().serialize("feedback.dead-letter", letter);

    assertThat(bytes[0]).isZero();
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/" + id)).build(),
        HttpResponse.BodyHandlers.ofString());
    Schema writerSchema = new Schema.Parser().parse(new ObjectMapper().readTree(response.body()).path("schema").asText());
    GenericRecord decoded = new GenericDatumReader<GenericRecord>(writerSchema)
        .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));

    assertThat(registry.subjects()).containsExactly("feedback.dead-letter-value");
    assertThat(decoded.get("reason")).hasToString("invalid_json");
    assertThat(decoded.get("partition")).isEqualTo(3);
    assertThat(decoded.get("offset")).isEqualTo(42L);
    assertThat(((ByteBuffer) decoded.get("originalValue")).array()).containsExactly('{', 'x');
  }

  @Test
  void aSchemaOnceFetchedIsCachedAndOutlivesARegistryOutage() {
    int id = registry.register("feedback.raw.chat-value", ChatFeedback.getClassSchema());
    GenericRecord chat = new GenericData.Record(ChatFeedback.getClassSchema());
    chat.put("messageId", "m-1");
    chat.put("text", "hi");
    byte[] framed = framed(id, chat);
    var deserializer = new AvroSerdes(RegistrySettings.of(registry.url())).genericDeserializer();
    deserializer.deserialize("feedback.raw.chat", framed);

    registry.close();

    assertThat(deserializer.deserialize("feedback.raw.chat", framed).get("text")).hasToString("hi");
  }

  @Test
  void specificSerdeRoundTrips() {
    Serde<DeadLetter> serde = new AvroSerdes(RegistrySettings.of(registry.url())).specific(DeadLetter.class, false);
    DeadLetter letter = deadLetter();

    DeadLetter back = serde.deserializer().deserialize("feedback.dead-letter",
        serde.serializer().serialize("feedback.dead-letter", letter));

    assertThat(back).isEqualTo(letter);
  }

  @Test
  void subjectFollowsTheNamingStrategyAndKeyFlag() {
    RegistrySettings settings = RegistrySettings.of(registry.url());
    new AvroSerdes(settings).specific(DeadLetter.class, true).serializer().serialize("t1", deadLetter());
    new AvroSerdes(settings.withSubjectNameStrategy(SubjectNameStrategy.RECORD_NAME))
        .specific(DeadLetter.class, false).serializer().serialize("t2", deadLetter());
    new AvroSerdes(settings.withSubjectNameStrategy(SubjectNameStrategy.TOPIC_RECORD_NAME))
        .specific(DeadLetter.class, false).serializer().serialize("t3", deadLetter());

    assertThat(registry.subjects()).containsExactly(
        "t1-key", "io.feedbackpulse.avro.DeadLetter", "t3-io.feedbackpulse.avro.DeadLetter");
  }

  @Test
  void withoutAutoRegisterTheSchemaMustAlreadyBeRegistered() {
    Serde<DeadLetter> serde = new AvroSerdes(RegistrySettings.of(registry.url()).withAutoRegister(false))
        .specific(DeadLetter.class, false);

    assertThatThrownBy(() -> serde.serializer().serialize("feedback.dead-letter", deadLetter()))
        .hasMessageContaining("Could not resolve");
    assertThat(registry.subjects()).isEmpty();

    int id = registry.register("feedback.dead-letter-value", DeadLetter.getClassSchema());
    byte[] bytes = serde.serializer().serialize("feedback.dead-letter", deadLetter());
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
  }

  @Test
  void sendsBasicAuthCredentials() {
    try (InMemorySchemaRegistry secured = InMemorySchemaRegistry.startWithBasicAuth("svc", "s3cret")) {
      RegistrySettings settings = RegistrySettings.of(secured.url());
      Serde<DeadLetter> authorized = new AvroSerdes(settings.withBasicAuth("svc", "s3cret"))
          .specific(DeadLetter.class, false);
      Serde<DeadLetter> wrongPassword = new AvroSerdes(settings.withBasicAuth("svc", "guess"))
          .specific(DeadLetter.class, false);

      byte[] bytes = authorized.serializer().serialize("feedback.dead-letter", deadLetter());

      assertThat(authorized.deserializer().deserialize("feedback.dead-letter", bytes)).isEqualTo(deadLetter());
      assertThatThrownBy(() -> wrongPassword.serializer().serialize("feedback.dead-letter", deadLetter()))
          .hasRootCauseInstanceOf(RegistryRequestException.class)
          .hasStackTraceContaining("401");
    }
  }

  /** Confluent's wire format, built by hand: 0x00, the schema id as 4 big-endian bytes, the Avro binary datum. */
  private static byte[] framed(int schemaId, GenericRecord record) {
    try {
      ByteArrayOutputStream framed = new ByteArrayOutputStream();
      framed.write(0);
      framed.write(ByteBuffer.allocate(4).putInt(schemaId).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(framed, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return framed.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason("invalid_json")
        .setDetail("unexpected end of input")
        .setSourceTopic("feedback.raw.chat")
        .setPartition(3)
        .setOffset(42L)
        .setRecordTimestamp(Instant.ofEpochMilli(1_717_400_000_000L))
        .setFailedAt(Instant.ofEpochMilli(1_717_400_000_500L))
        .setChannel("chat")
        .setOriginalKey(null)
        .setOriginalValue(ByteBuffer.wrap(new byte[] {'{', 'x'}))
        .build();
  }
}
