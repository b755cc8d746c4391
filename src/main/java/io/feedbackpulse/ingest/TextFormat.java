package io.feedbackpulse.ingest;

/** How a channel's text is normalized. */
public enum TextFormat {
  /** Text as typed: Unicode NFKC and whitespace only. */
  PLAIN,
  /** An e-mail body, plain text or HTML: also HTML to text, quoted replies and signatures removed. */
  EMAIL
}
