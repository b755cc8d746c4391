package io.feedbackpulse.models;

/** One batch's hold on a {@link ModelAssignment}: its models stay open until every lease on it is closed. */
public interface ModelLease extends AutoCloseable {
  ModelAssignment assignment();

  @Override
  void close();
}
