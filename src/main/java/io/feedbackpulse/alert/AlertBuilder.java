package io.feedbackpulse.alert;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.Explanation;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a scored item is a support alert and builds it with its priority. Two reasons reach a person:
 * the model read the item and called it negative, or it cannot (wholly) read it, so a person must, negative or not.
 */
public final class AlertBuilder {
  /** {@code SupportAlert.reason}: the model read the item and called it negative. */
  public static final String NEGATIVE = "negative";
  /** {@code SupportAlert.reason}: the model cannot (wholly) read the item's language. */
  public static final String UNSUPPORTED_LANGUAGE = "unsupported_language";

  private final AlertPolicy policy;
  private final PiiRedactor redactor;

  public AlertBuilder(AlertPolicy policy, PiiRedactor redactor) {
    this.policy = policy;
    this.redactor = redactor;
  }

  /** Whether {@link #alertFor} gives an alert for this item, whatever the customer's other contacts. */
  public boolean raisesAlert(ScoredFeedback scored) {
    return readAsNegative(scored) || unread(scored);
  }

  /**
   * The model read the item (or the part of it in a language it reads) and called it negative. Not for an item
   * in a language it does not read: its "negative" is as much a guess as its "positive".
   */
  public boolean readAsNegative(ScoredFeedback scored) {
    return scored.getLanguageSupported() && scored.getLabel() == -1
        && scored.getProbabilities().getNegative() >= policy.negativeThreshold();
  }

  /**
   * A person must read it: the model reads none of it, or only a part that is not negative (the rest may be
   * the complaint). Dropping it would hide every complaint in another language.
   */
  private boolean unread(ScoredFeedback scored) {
    return !readAsNegative(scored) && (!scored.getLanguageSupported() || scored.getScoredPartLanguage() != null);
  }

  /** @param recentChannels channels the same customer wrote on within the policy's span, this one included */
  public Optional<SupportAlert> alertFor(ScoredFeedback scored, int recentChannels) {
    if (!raisesAlert(scored)) {
      return Optional.empty();
    }
    boolean negativeRead = readAsNegative(scored);
    double negative = scored.getProbabilities().getNegative();
    List<String> reasons = new ArrayList<>();
    AlertPriority priority = AlertPriority.LOW;
    if (negativeRead && negative >= policy.highThreshold()) {
      priority = AlertPriority.HIGH;
      reasons.add(String.format(Locale.ROOT, "negative probability %.2f >= %.2f", negative, policy.highThreshold()));
    }
    if (recentChannels >= policy.multiChannelMin()) {
      priority = AlertPriority.HIGH;
      reasons.add("customer wrote on " + recentChannels + " channels within " + policy.multiChannelSpan());
    }
    if (negativeRead && priority != AlertPriority.HIGH && negative >= policy.mediumThreshold()) {
      priority = AlertPriority.MEDIUM;
      reasons.add(String.format(Locale.ROOT, "negative probability %.2f >= %.2f", negative, policy.mediumThreshold()));
    }
    if (reasons.isEmpty()) {
      reasons.add(negativeRead
          ? String.format(Locale.ROOT, "negative probability %.2f >= %.2f", negative, policy.negativeThreshold())
          : unreadBecause(scored));
    }
    Feedback f = scored.getFeedback();
    return Optional.of(SupportAlert.newBuilder()
        .setFeedbackId(f.getId())
        .setChannel(f.getChannel())
        .setPriority(priority)
        .setPriorityReasons(reasons)
        .setExcerpt(Excerpt.of(fromMostNegativeSentence(redactor.redact(f.getText()), scored.getExplanation()),
            policy.excerptChars()))
        .setEventTime(f.getEventTime())
        .setCustomerId(f.getCustomerId())
        .setOrderId(f.getOrderId())
        .setProductId(f.getProductId())
        .setSubject(f.getSubject() == null ? null : redactor.redact(f.getSubject()))
        .setProbabilities(scored.getProbabilities())
        .setModel(scored.getModel())
        .setCaseId(CaseIds.of(f))
        .setExplanation(scored.getExplanation())
        .setReason(negativeRead ? NEGATIVE : UNSUPPORTED_LANGUAGE)
        .setLanguage(f.getLanguage())
        .setReasons(scored.getReasons())
        .build());
  }

  private static String unreadBecause(ScoredFeedback scored) {
    String language = scored.getFeedback().getLanguage();
    return scored.getScoredPartLanguage() == null
        ? "language " + language + " is not one the model reads"
        : "the model read only its " + scored.getScoredPartLanguage() + " part, not negative; the rest is " + language;
  }

  /**
   * An agent reads the complaint first: the excerpt starts at the top sentence of the explanation, found in the
   * masked text by its masked wording (the text as published may be masked, so offsets would not hold); an
   * ellipsis says that the text begins earlier.
   */
  private static String fromMostNegativeSentence(String maskedText, Explanation explanation) {
    if (explanation == null || explanation.getSentences().isEmpty()) {
      return maskedText;
    }
    int at = maskedText.indexOf(explanation.getSentences().get(0).getText());
    return at <= 0 ? maskedText : "…" + maskedText.substring(at);
  }
}
