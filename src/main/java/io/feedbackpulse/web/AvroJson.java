package io.feedbackpulse.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/** Avro records as plain maps for JSON: field names kept, times as ISO-8601, enums as their symbol. */
public final class AvroJson {
  private AvroJson() {}

  /** The record without its bytes fields (the dashboard has no use for a dead letter's original bytes). */
  static Map<String, Object> toMap(IndexedRecord record) {
    return toMap(record, false);
  }

  /**
   * The record with its bytes fields too, each as {@code {"utf8": "text"}} when the bytes are valid UTF-8 and
   * {@code {"base64": "..."}} otherwise: a dead letter's original value is most often JSON, readable as it is.
   */
  public static Map<String, Object> toMapWithBytes(IndexedRecord record) {
    return toMap(record, true);
  }

  private static Map<String, Object> toMap(IndexedRecord record, boolean withBytes) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (value instanceof ByteBuffer bytes) {
        if (withBytes) {
          out.put(field.name(), bytes(bytes));
        }
      } else {
        out.put(field.name(), plain(value, withBytes));
      }
    }
    return out;
  }

  private static Map<String, String> bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes); // the record's buffer keeps its position
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return Map.of("utf8", text);
    } catch (CharacterCodingException e) {
      return Map.of("base64", Base64.getEncoder().encodeToString(bytes));
    }
  }

  private static Object plain(Object value, boolean withBytes) {
    if (value instanceof IndexedRecord r) {
      return toMap(r, withBytes);
    }
    if (value instanceof Instant || value instanceof CharSequence || value instanceof GenericEnumSymbol<?>
        || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Collection<?> c) {
      Collection<Object> out = new ArrayList<>(c.size());
      c.forEach(v -> out.add(plain(v, withBytes)));
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k.toString(), plain(v, withBytes)));
      return out;
    }
    return value;
  }
}
