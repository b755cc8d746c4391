package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Reviews written in the mobile app ({@code AppReview}): the full text with its stars and product. */
final class AppReviewMessages implements ChannelMessages {

  private static final List<String> PLATFORMS = List.of("ios", "android");
  private static final List<String> APP_VERSIONS = List.of("5.2.0", "5.3.1", "5.4.0", "5.4.2", "6.0.0");

  @Override
  public SampleMessage create(SampleReview review, SplittableRandom random, Instant now) {
    String reviewId = "r-" + Randoms.hex(random, 12);

    ObjectNode value = JsonNodeFactory.instance.objectNode();
    value.put("reviewId", reviewId);
    value.put("text", review.text());
    JsonFields.putSometimes(value, "customerId", "c-" + Randoms.digits(random, 6), 0.8, random);
    JsonFields.putSometimes(value, "productId", review.clothingId(), 1.0, random);
    JsonFields.putSometimes(value, "productCategory", review.departmentName(), 1.0, random);
    value.put("rating", review.rating());
    value.put("platform", Randoms.oneOf(random, PLATFORMS));
    value.put("appVersion", Randoms.oneOf(random, APP_VERSIONS));
    JsonFields.putTime(value, "submittedAt", now, random);
    return new SampleMessage(reviewId, value);
  }
}
