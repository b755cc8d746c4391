package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.SplittableRandom;

/** Chat messages ({@code ChatFeedback}): the first one or two sentences of a review, as typed into a chat. */
final class ChatMessages implements ChannelMessages {

  private static final int MAX_LENGTH = 400;

  @Override
  public SampleMessage create(SampleReview review, SplittableRandom random, Instant now) {
    String messageId = "m-" + Randoms.hex(random, 12);
    String text = Texts.shorten(Texts.firstSentences(review.text(), 1 + random.nextInt(2)), MAX_LENGTH);

    ObjectNode value = JsonNodeFactory.instance.objectNode();
    value.put("messageId", messageId);
    value.put("text", text);
    JsonFields.putSometimes(value, "sessionId", "s-" + Randoms.hex(random, 8), 0.9, random);
    JsonFields.putSometimes(value, "customerId", "c-" + Randoms.digits(random, 6), 0.7, random);
    JsonFields.putTime(value, "sentAt", now, random);
    return new SampleMessage(messageId, value);
  }
}
