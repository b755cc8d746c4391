package io.feedbackpulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A channel record sent as a JSON object. */
final class JsonChannelRecord implements ChannelRecord {

  private final ObjectNode object;

  JsonChannelRecord(ObjectNode object) {
    this.object = object;
  }

  @Override
  public Optional<String> recordName() {
    return Optional.empty();
  }

  @Override
  public boolean declares(String field) {
    return true;
  }

  @Override
  public List<String> presentFields() {
    List<String> present = new ArrayList<>();
    object.fieldNames().forEachRemaining(name -> {
      if (!object.get(name).isNull()) {
        present.add(name);
      }
    });
    return present;
  }

  @Override
  public Optional<FieldValue> value(String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    return Optional.of(toValue(node));
  }

  private static FieldValue toValue(JsonNode node) {
    if (node.isTextual()) {
      return new FieldValue.Text(node.textValue());
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return new FieldValue.WholeNumber(node.longValue());
    }
    if (node.isNumber()) {
      return new FieldValue.OtherNumber(node.asText());
    }
    if (node.isBoolean()) {
      return new FieldValue.Bool(node.booleanValue());
    }
    return new FieldValue.Structure(node.toString(), node.isArray() ? "an array" : "an object");
  }
}
