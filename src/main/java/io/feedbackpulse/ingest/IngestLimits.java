package io.feedbackpulse.ingest;

/**
 * Bounds on what one input record may bring in: its size, and the event time it may claim.
 *
 * @param maxRecordBytes the most bytes of key, value and headers together; larger records are
 *     {@code record_too_large}, since what the service writes about a record (its scored result, the
 *     entry waiting for the model, a dead letter) grows with it and must stay under the broker's
 *     message size limit (about 1 MiB by default)
 */
public record IngestLimits(int maxRecordBytes, EventTimePolicy eventTimes) {
  public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024;
  public static final IngestLimits DEFAULT = new IngestLimits(DEFAULT_MAX_RECORD_BYTES, EventTimePolicy.DEFAULT);

  public IngestLimits {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("input.max-bytes must be positive, got " + maxRecordBytes);
    }
  }
}
