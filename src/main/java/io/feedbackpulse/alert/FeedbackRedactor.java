package io.feedbackpulse.alert;

import io.feedbackpulse.avro.Feedback;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Masks personal data in every free-text field of a feedback item as published ({@code pii.redact-scored}):
 * text, original text, subject and every attribute. Attributes that name a person ({@code pii.identity-fields},
 * e-mail {@code from} and social {@code author} by default) are masked whole; everything else goes through
 * {@link PiiRedactor}.
 */
public final class FeedbackRedactor implements UnaryOperator<Feedback> {
  static final String IDENTITY = "[redacted]";

  private final PiiRedactor redactor;
  private final Set<String> identityFields;

  public FeedbackRedactor(PiiRedactor redactor, Set<String> identityFields) {
    this.redactor = redactor;
    this.identityFields = Set.copyOf(identityFields);
  }

  @Override
  public Feedback apply(Feedback item) {
    Map<String, String> attributes = new LinkedHashMap<>();
    item.getAttributes().forEach((name, value) ->
        attributes.put(name, identityFields.contains(name) ? IDENTITY : redactor.redact(value)));
    return Feedback.newBuilder(item)
        .setText(redactor.redact(item.getText()))
        .setOriginalText(redactor.redact(item.getOriginalText()))
        .setSubject(item.getSubject() == null ? null : redactor.redact(item.getSubject()))
        .setAttributes(attributes)
        .build();
  }
}
