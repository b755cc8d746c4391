package io.feedbackpulse.ingest;

/** The optional fields of the canonical Feedback that a channel can fill from its own fields. */
public enum CanonicalField {
  SUBJECT,
  CUSTOMER_ID,
  ORDER_ID,
  PRODUCT_ID,
  PRODUCT_CATEGORY,
  /** A whole number from 1 to 5. */
  RATING,
  PLATFORM
}
