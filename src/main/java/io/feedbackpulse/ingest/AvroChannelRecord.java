package io.feedbackpulse.ingest;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/** A channel record sent as Avro, read with its writer's schema. */
final class AvroChannelRecord implements ChannelRecord {

  private final GenericRecord record;

  AvroChannelRecord(GenericRecord record) {
    this.record = record;
  }

  @Override
  public Optional<String> recordName() {
    return Optional.of(record.getSchema().getFullName());
  }

  @Override
  public boolean declares(String field) {
    return record.getSchema().getField(field) != null;
  }

  @Override
  public List<String> presentFields() {
    List<String> present = new ArrayList<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      if (record.get(field.pos()) != null) {
        present.add(field.name());
      }
    }
    return present;
  }

  @Override
  public Optional<FieldValue> value(String name) {
    Schema.Field field = record.getSchema().getField(name);
    if (field == null || record.get(field.pos()) == null) {
      return Optional.empty();
    }
    Object value = record.get(field.pos());
    return Optional.of(toValue(value, branchOf(field.schema(), value)));
  }

  private static FieldValue toValue(Object value, Schema schema) {
    if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
      return new FieldValue.Text(value.toString());
    }
    if (value instanceof Instant instant) {
      return new FieldValue.Timestamp(instant);
    }
    if (value instanceof Integer || value instanceof Long) {
      long number = ((Number) value).longValue();
      LogicalType logicalType = schema.getLogicalType();
      if (logicalType instanceof LogicalTypes.TimestampMillis) {
        return new FieldValue.Timestamp(Instant.ofEpochMilli(number));
      }
      if (logicalType instanceof LogicalTypes.TimestampMicros) {
        return new FieldValue.Timestamp(Instant.EPOCH.plusNanos(Math.multiplyExact(number, 1000L)));
      }
      return new FieldValue.WholeNumber(number);
    }
    if (value instanceof Float || value instanceof Double) {
      return new FieldValue.OtherNumber(value.toString());
    }
    if (value instanceof Boolean bool) {
      return new FieldValue.Bool(bool);
    }
    if (value instanceof ByteBuffer bytes) {
      return new FieldValue.Structure(Base64.getEncoder().encodeToString(bytesOf(bytes)), "bytes");
    }
    if (value instanceof GenericFixed fixed) {
      return new FieldValue.Structure(Base64.getEncoder().encodeToString(fixed.bytes()), "bytes");
    }
    return new FieldValue.Structure(GenericData.get().toString(value), "a " + schema.getType().getName());
  }

  /** The schema that a value of a (possibly union) field was written with. */
  private static Schema branchOf(Schema schema, Object value) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
