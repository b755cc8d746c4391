package io.feedbackpulse.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.CaseStatus;
import io.feedbackpulse.avro.SupportAlert;
import io.feedbackpulse.avro.SupportCase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * The open-cases store and the by-case topic hold what the release before {@code reasons} wrote at an upgrade: it
 * still reads, with no reasons, and both schemas stay compatible both ways with that release's.
 */
class CaseRecordsHistoryTest {
  @Test
  void anOpenCaseWrittenBeforeReasonsReadsWithNone() throws IOException {
    Schema before = schema("/schema-history/SupportCase-0.2.avsc");
    GenericRecord old = new GenericData.Record(before);
    old.put("caseId", "customer:c-1");
    old.put("status", new GenericData.EnumSymbol(before.getField("status").schema(), "OPEN"));
    old.put("priority", new GenericData.EnumSymbol(before.getField("priority").schema(), "LOW"));
    old.put("escalated", false);
    old.put("alertCount", 0);
    old.put("alerts", List.of());
    old.put("channels", List.of("chat"));
    old.put("customerId", "c-1");
    old.put("openedAt", 1000L);
    old.put("lastAlertAt", 2000L);
    old.put("closedAt", null);
    old.put("latestExcerpt", "late");
    old.put("latestExplanation", null);

    SupportCase read = CaseRecords.cases().deserializer().deserialize("t", bytes(before, old));

    assertThat(read.getStatus()).isEqualTo(CaseStatus.OPEN);
    assertThat(read.getLastAlertAt()).isEqualTo(Instant.ofEpochMilli(2000));
    assertThat(read.getReasons()).isEmpty();
    compatibleBothWays(before, SupportCase.getClassSchema());
  }

  @Test
  void anAlertWrittenBeforeReasonsReadsWithNone() throws IOException {
    Schema before = schema("/schema-history/SupportAlert-0.2.avsc");
    GenericRecord old = new GenericData.Record(before);
    old.put("feedbackId", "chat:1");
    old.put("channel", "chat");
    old.put("priority", new GenericData.EnumSymbol(before.getField("priority").schema(), "HIGH"));
    old.put("priorityReasons", List.of());
    old.put("excerpt", "x");
    old.put("eventTime", 1000L);
    GenericRecord probabilities = new GenericData.Record(before.getField("probabilities").schema());
    probabilities.put("negative", 0.9);
    probabilities.put("neutral", 0.05);
    probabilities.put("positive", 0.05);
    old.put("probabilities", probabilities);
    GenericRecord model = new GenericData.Record(before.getField("model").schema());
    model.put("id", "m");
    model.put("version", "1");
    old.put("model", model);
    old.put("reason", "negative");
    old.put("language", "en");

    SupportAlert read = CaseRecords.alerts().deserializer().deserialize("t", bytes(before, old));

    assertThat(read.getPriority()).isEqualTo(AlertPriority.HIGH);
    assertThat(read.getReasons()).isEmpty();
    compatibleBothWays(before, SupportAlert.getClassSchema());
  }

  private static void compatibleBothWays(Schema before, Schema now) {
    assertThat(before.getField("reasons")).isNull();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(now, before).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(before, now).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  private static byte[] bytes(Schema schema, GenericRecord record) throws IOException {
    ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static Schema schema(String resource) throws IOException {
    try (InputStream in = CaseRecordsHistoryTest.class.getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    }
  }
}
