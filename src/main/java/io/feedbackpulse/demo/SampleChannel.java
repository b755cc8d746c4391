package io.feedbackpulse.demo;

/** The feedback channels that sample traffic imitates, with their default raw topics. */
public enum SampleChannel {
  EMAIL("feedback.raw.email"),
  CHAT("feedback.raw.chat"),
  APP("feedback.raw.app"),
  SOCIAL("feedback.raw.social");

  private final String defaultTopic;

  SampleChannel(String defaultTopic) {
    this.defaultTopic = defaultTopic;
  }

  public String defaultTopic() {
    return defaultTopic;
  }
}
