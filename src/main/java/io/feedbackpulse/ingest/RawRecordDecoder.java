package io.feedbackpulse.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedbackpulse.registry.RegistryRequestException;
import io.feedbackpulse.registry.RegistryUnavailableException;
import io.feedbackpulse.registry.SchemaNotFoundException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns the bytes of an input record into a {@link ChannelRecord}. A first byte 0 means Confluent-framed Avro,
 * read through the registry-backed deserializer; a first byte that opens a JSON value, after an optional
 * byte-order mark and whitespace, means UTF-8 JSON, which must be an object.
 */
public final class RawRecordDecoder {

  private static final byte MAGIC_BYTE = 0;
  private static final int FRAME_HEADER_LENGTH = 5;

  private final Deserializer<GenericRecord> avroDeserializer;
  private final UnknownSchemaIds unknownIds;
  private final ObjectMapper json = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * @param avroDeserializer a configured deserializer of Confluent-framed Avro, for example
   *     {@code new AvroSerdes(settings).genericDeserializer()}
   */
  public RawRecordDecoder(Deserializer<GenericRecord> avroDeserializer) {
    this(avroDeserializer, new UnknownSchemaIds(UnknownSchemaIds.DEFAULT_TTL, System::nanoTime));
  }

  RawRecordDecoder(Deserializer<GenericRecord> avroDeserializer, UnknownSchemaIds unknownIds) {
    this.avroDeserializer = avroDeserializer;
    this.unknownIds = unknownIds;
  }

  /**
   * @throws RejectedRecordException when the bytes are no record of a known format
   * @throws RegistryUnavailableException when the registry cannot be asked for the schema; retry the record
   * @throws RegistryRequestException when the registry refuses the request (credentials, for example)
   */
  ChannelRecord decode(String topic, byte[] value) {
    if (value == null) {
      throw new RejectedRecordException(RejectReason.NULL_VALUE, "the record has no value");
    }
    if (value.length > 0 && value[0] == MAGIC_BYTE) {
      return decodeAvro(topic, value);
    }
    if (startsLikeJson(value)) {
      return decodeJson(value);
    }
    throw new RejectedRecordException(RejectReason.UNKNOWN_FORMAT, value.length == 0
        ? "the value is empty"
        : String.format("neither Confluent-framed Avro (first byte 0x00) nor JSON; first byte 0x%02x", value[0]));
  }

  private ChannelRecord decodeAvro(String topic, byte[] value) {
    if (value.length < FRAME_HEADER_LENGTH) {
      throw new RejectedRecordException(RejectReason.INVALID_AVRO,
          "a Confluent frame needs 5 header bytes, the value has " + value.length);
    }
    int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
    if (unknownIds.isKnownUnknown(schemaId)) {
      throw unknownSchemaId(schemaId);
    }
    Object decoded;
    try {
      decoded = avroDeserializer.deserialize(topic, value);
    } catch (RuntimeException e) {
      RuntimeException classified = classify(e, schemaId);
      if (classified instanceof RejectedRecordException rejected && rejected.reason() == RejectReason.UNKNOWN_SCHEMA_ID) {
        unknownIds.remember(schemaId);
      }
      throw classified;
    }
    if (!(decoded instanceof GenericRecord record)) {
      throw new RejectedRecordException(RejectReason.WRONG_SCHEMA,
          "schema id " + schemaId + " is not an Avro record schema");
    }
    return new AvroChannelRecord(record);
  }

  /** The rejection for a failed Avro read, or the registry failure that must reach the caller. */
  private static RuntimeException classify(RuntimeException failure, int schemaId) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryUnavailableException unavailable) {
        return unavailable;
      }
      if (cause instanceof RegistryRequestException refused) {
        return refused;
      }
      if (cause instanceof SchemaNotFoundException) {
        return unknownSchemaId(schemaId);
      }
      if (cause instanceof SchemaParseException) {
        return new RejectedRecordException(RejectReason.WRONG_SCHEMA,
            "schema id " + schemaId + " is not an Avro schema: " + cause.getMessage());
      }
    }
    return new RejectedRecordException(RejectReason.INVALID_AVRO,
        "the bytes do not decode with schema id " + schemaId + ": " + rootMessage(failure));
  }

  private static RejectedRecordException unknownSchemaId(int schemaId) {
    return new RejectedRecordException(RejectReason.UNKNOWN_SCHEMA_ID, "the registry has no schema with id " + schemaId);
  }

  private ChannelRecord decodeJson(byte[] value) {
    String text = strictUtf8(value);
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new RejectedRecordException(RejectReason.INVALID_JSON, e.getOriginalMessage() + where);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new RejectedRecordException(RejectReason.INVALID_JSON,
          "expected a JSON object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return new JsonChannelRecord(object);
  }

  private static String strictUtf8(byte[] value) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(value);
    CharBuffer out = CharBuffer.allocate(value.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new RejectedRecordException(RejectReason.INVALID_UTF8,
          "invalid UTF-8 at byte " + in.position() + " of " + value.length);
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static boolean startsLikeJson(byte[] value) {
    int i = 0;
    if (value.length >= 3 && (value[0] & 0xFF) == 0xEF && (value[1] & 0xFF) == 0xBB && (value[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < value.length && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n' || value[i] == '\r')) {
      i++;
    }
    if (i == value.length) {
      return false;
    }
    byte first = value[i];
    // Any JSON value, not only an object: null, 42 or true is JSON that is not a channel record (invalid_json).
    return first == '{' || first == '[' || first == '"' || first == '-' || (first >= '0' && first <= '9')
        || first == 'n' || first == 't' || first == 'f';
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": "
        + root.getMessage();
  }
}
