package io.feedbackpulse.drift;

import io.feedbackpulse.drift.DriftAnalysis;
import io.feedbackpulse.drift.LabelWindowAggregate;
import io.feedbackpulse.drift.TrailingReference;
import io.feedbackpulse.drift.WindowAssessment;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keyed by channel: assesses each closed label window against its reference and keeps the channel's
 * trailing windows in a store.
 */
public final class DriftProcessor implements Processor<Windowed<String>, LabelWindowAggregate, String, WindowAssessment> {
  private final DriftAnalysis analysis;
  private final String storeName;
  private KeyValueStore<String, TrailingReference> trailing;
  private ProcessorContext<String, WindowAssessment> context;

  public DriftProcessor(DriftAnalysis analysis, String storeName) {
    this.analysis = analysis;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, WindowAssessment> context) {
    this.context = context;
    this.trailing = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<Windowed<String>, LabelWindowAggregate> record) {
    String channel = record.key().key();
    TrailingReference history = trailing.get(channel);
    history = history == null ? new TrailingReference() : history;
    WindowAssessment assessment = analysis.assess(channel, record.key().window().startTime(),
        record.key().window().endTime(), record.value(), history);
    trailing.put(channel, history);
    context.forward(new Record<>(channel, assessment, record.timestamp()));
  }
}
