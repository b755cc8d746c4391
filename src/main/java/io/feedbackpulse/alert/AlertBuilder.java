package io.feedbackpulse.alert;

import io.feedbackpulse.avro.AlertPriority;
import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.SupportAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Decides whether a scored item is a support alert and builds it with its priority. */
public final class AlertBuilder {
  private final AlertPolicy policy;
  private final PiiRedactor redactor;

  public AlertBuilder(AlertPolicy policy, PiiRedactor redactor) {
    this.policy = policy;
    this.redactor = redactor;
  }

  /**
   * Whether {@link #alertFor} gives an alert for this item, whatever the customer's other contacts. Never for
   * an item in a language the model does not read: its "negative" is as much a guess as its "positive".
   */
  public boolean raisesAlert(ScoredFeedback scored) {
    return scored.getLanguageSupported() && scored.getLabel() == -1
        && scored.getProbabilities().getNegative() >= policy.negativeThreshold();
  }

  /**
   * No alert for an item in a language the model does not read ({@code languageSupported} false).
   *
   * @param recentChannels channels the same customer wrote on within the policy's span, this one included
   */
  public Optional<SupportAlert> alertFor(ScoredFeedback scored, int recentChannels) {
    if (!raisesAlert(scored)) {
      return Optional.empty();
    }
    double negative = scored.getProbabilities().getNegative();
    List<String> reasons = new ArrayList<>();
    AlertPriority priority = AlertPriority.LOW;
    if (negative >= policy.highThreshold()) {
      priority = AlertPriority.HIGH;
      reasons.add(String.format(Locale.ROOT, "negative probability %.2f >= %.2f", negative, policy.highThreshold()));
    }
    if (recentChannels >= policy.multiChannelMin()) {
      priority = AlertPriority.HIGH;
      reasons.add("customer wrote on " + recentChannels + " channels within " + policy.multiChannelSpan());
    }
    if (priority != AlertPriority.HIGH && negative >= policy.mediumThreshold()) {
      priority = AlertPriority.MEDIUM;
      reasons.add(String.format(Locale.ROOT, "negative probability %.2f >= %.2f", negative, policy.mediumThreshold()));
    }
    if (reasons.isEmpty()) {
      reasons.add(String.format(Locale.ROOT, "negative probability %.2f >= %.2f", negative, policy.negativeThreshold()));
    }
    Feedback f = scored.getFeedback();
    return Optional.of(SupportAlert.newBuilder()
        .setFeedbackId(f.getId())
        .setChannel(f.getChannel())
        .setPriority(priority)
        .setPriorityReasons(reasons)
        .setExcerpt(Excerpt.of(redactor.redact(f.getText()), policy.excerptChars()))
        .setEventTime(f.getEventTime())
        .setCustomerId(f.getCustomerId())
        .setOrderId(f.getOrderId())
        .setProductId(f.getProductId())
        .setSubject(f.getSubject() == null ? null : redactor.redact(f.getSubject()))
        .setProbabilities(scored.getProbabilities())
        .setModel(scored.getModel())
        .build());
  }
}
