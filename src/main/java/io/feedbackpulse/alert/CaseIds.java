package io.feedbackpulse.alert;

import io.feedbackpulse.avro.Feedback;

/**
 * Which support case an alert belongs to: the customer's, else the chat session's, else the item's own. Derived
 * from the item alone, so an alert names its case before the case exists.
 */
public final class CaseIds {
  static final String SESSION_FIELD = "sessionId";

  private CaseIds() {}

  public static String of(Feedback f) {
    if (f.getCustomerId() != null && !f.getCustomerId().isBlank()) {
      return "customer:" + f.getCustomerId();
    }
    String session = f.getAttributes().get(SESSION_FIELD);
    if (session != null && !session.isBlank()) {
      return "session:" + session;
    }
    return "item:" + f.getId();
  }
}
