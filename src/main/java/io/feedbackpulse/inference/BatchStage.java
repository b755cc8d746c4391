package io.feedbackpulse.inference;

import java.util.Locale;

/**
 * The timed steps between a raw record and its scored output. {@link #DECODE} and {@link #COST} are timed per
 * record (decoding comes before the dedupe repartition, costing as the record joins a batch); the others once per
 * scoring batch.
 */
public enum BatchStage {
  /** Decode, map, normalize, validate and identify the language of one raw record. */
  DECODE,
  /** Costing one record for {@code batch.max-tokens} as it joins a batch: where it is tokenized. */
  COST,
  /** The batch's texts to token windows (texts costed for the batch budget are not tokenized again: see COST). */
  TOKENIZE,
  /** ONNX Runtime over the batch's windows, and the probabilities from their logits. */
  MODEL,
  /** Explaining a batch of alerts on the alert worker, after scoring (the explanation's own model calls). */
  EXPLAIN,
  /** Giving a batch of alerts their complaint reasons on the alert worker, after explaining (the sentence encoder). */
  REASONS,
  /**
   * Forwarding the batch's results downstream: serializing and handing them to the producer, window counts and
   * the other stages after scoring, within the same transaction (alerts wait for the worker there, not here).
   */
  FORWARD;

  /** The value of the {@code stage} tag. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
