package io.feedbackpulse.cases;

import io.feedbackpulse.avro.SupportAlert;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keys an alert by the case it names and stamps it with its event time, so that the case tasks' stream time,
 * which closes idle cases, is the alerts' own time. An alert that names no case (written before cases existed)
 * is left out.
 */
public final class KeyByCase implements Processor<String, SupportAlert, String, SupportAlert> {
  private ProcessorContext<String, SupportAlert> context;

  @Override
  public void init(ProcessorContext<String, SupportAlert> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, SupportAlert> record) {
    SupportAlert alert = record.value();
    if (alert == null || alert.getCaseId() == null) {
      return;
    }
    context.forward(record.withKey(alert.getCaseId()).withTimestamp(alert.getEventTime().toEpochMilli()));
  }
}
