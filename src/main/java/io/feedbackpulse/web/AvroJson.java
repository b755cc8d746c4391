package io.feedbackpulse.web;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/** Avro records as plain maps for JSON: field names kept, times as ISO-8601, enums as their symbol, bytes left out. */
final class AvroJson {
  private AvroJson() {}

  static Map<String, Object> toMap(IndexedRecord record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      if (!(value instanceof ByteBuffer)) {
        out.put(field.name(), plain(value));
      }
    }
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof IndexedRecord r) {
      return toMap(r);
    }
    if (value instanceof Instant || value instanceof CharSequence || value instanceof GenericEnumSymbol<?>
        || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Collection<?> c) {
      Collection<Object> out = new ArrayList<>(c.size());
      c.forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k.toString(), plain(v)));
      return out;
    }
    return value;
  }
}
