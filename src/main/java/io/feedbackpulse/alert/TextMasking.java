package io.feedbackpulse.alert;

import io.feedbackpulse.avro.Feedback;
import io.feedbackpulse.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which of the service's topics carry customer text, and whether it is masked ({@link PiiRedactor}): the one place
 * that decides, by the setting that names each topic. Every output that carries text masks it, except
 * feedback.scored, the record of what was scored, which masks it only with {@code pii.redact-scored}, and the
 * dead-letter topic, which keeps a rejected record's bytes as they were sent so that it can be replayed. The
 * pipeline takes the masking of feedback.scored, feedback.labelled and feedback.review from here; alerts (and the
 * cases made of them) are masked by {@link AlertBuilder} whatever the settings. A topic added to the service is
 * classified here, or {@code TextMaskingTest} fails; the topics alerts are routed to are classified under the setting
 * that names them all, {@code alerts.routes}.
 */
public final class TextMasking {
  /** What a topic carries of the customers' text. */
  public enum Text {
    /** Figures, ids and labels only. */
    NONE,
    /** Customer text, masked. */
    MASKED,
    /** Customer text, masked when {@code pii.redact-scored} is true. */
    MASKED_WITH_REDACT_SCORED,
    /** A rejected record's bytes as sent (up to {@code dead-letter.max-original-bytes}), kept to replay it. */
    ORIGINAL_BYTES,
    /** Read by the service, not written. */
    INPUT
  }

  private static final Map<String, Text> TOPICS = topics();

  private final PiiRedactor redactor;
  private final boolean redactScored;
  private final Set<String> identityFields;

  public TextMasking(PiiRedactor redactor, boolean redactScored, Set<String> identityFields) {
    this.redactor = redactor;
    this.redactScored = redactScored;
    this.identityFields = Set.copyOf(identityFields);
  }

  public static TextMasking from(Settings s) {
    return new TextMasking(new PiiRedactor(), s.bool("pii.redact-scored"), Set.copyOf(s.list("pii.identity-fields")));
  }

  private static Map<String, Text> topics() {
    Map<String, Text> t = new LinkedHashMap<>();
    t.put("topic.scored", Text.MASKED_WITH_REDACT_SCORED);
    t.put("topic.alerts", Text.MASKED);
    t.put("topic.dead-letter", Text.ORIGINAL_BYTES);
    t.put("topic.distribution", Text.NONE);
    t.put("topic.drift", Text.NONE);
    t.put("topic.labels", Text.INPUT);
    t.put("topic.labelled", Text.MASKED);
    t.put("topic.quality", Text.NONE);
    t.put("topic.review", Text.MASKED);
    t.put("topic.cases", Text.MASKED);
    t.put("topic.models", Text.NONE);
    t.put("topic.model-comparison", Text.NONE);
    t.put("topic.model-refusals", Text.NONE);
    t.put("topic.pipeline-runs", Text.NONE);
    // the routed copies of alerts, as masked as topic.alerts: the same records
    t.put(AlertRoutes.SETTING, Text.MASKED);
    return Map.copyOf(t);
  }

  /** What the topic a setting names carries; empty for a channel topic (an input) or a setting that is no topic. */
  public static Optional<Text> of(String topicSetting) {
    return Optional.ofNullable(TOPICS.get(topicSetting));
  }

  /** Whether the customer text written to the topic a setting names is masked. */
  public boolean masks(String topicSetting) {
    Text text = of(topicSetting).orElseThrow(() -> new IllegalArgumentException(topicSetting + " is no output"));
    return text == Text.MASKED || text == Text.MASKED_WITH_REDACT_SCORED && redactScored;
  }

  /**
   * The text as the topic a setting names carries it.
   *
   * @throws IllegalArgumentException for a topic that carries no customer text the service writes
   */
  public UnaryOperator<String> text(String topicSetting) {
    requireWrittenText(topicSetting);
    return masks(topicSetting) ? redactor::redact : UnaryOperator.identity();
  }

  /**
   * A feedback item as the topic a setting names carries it: masked, every free-text field and the fields that
   * name a person ({@code pii.identity-fields}) whole ({@link FeedbackRedactor}), or as scored.
   */
  public UnaryOperator<Feedback> feedback(String topicSetting) {
    requireWrittenText(topicSetting);
    return masks(topicSetting) ? new FeedbackRedactor(redactor, identityFields) : UnaryOperator.identity();
  }

  private static void requireWrittenText(String topicSetting) {
    Text text = of(topicSetting).orElse(Text.INPUT);
    if (text == Text.NONE || text == Text.INPUT || text == Text.ORIGINAL_BYTES) {
      throw new IllegalArgumentException(topicSetting + " carries no text the service writes (" + text + ")");
    }
  }
}
