package io.feedbackpulse.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Customer e-mails ({@code EmailFeedback}): plain or HTML, sometimes replying to the shop with a quote. */
final class EmailMessages implements ChannelMessages {

  private static final String SHOP = "Customer Care <support@shop.example>";
  private static final List<DateTimeFormatter> ATTRIBUTION_DATES = List.of(
      DateTimeFormatter.ofPattern("EEE, MMM d, yyyy 'at' h:mm a", Locale.ENGLISH).withZone(ZoneOffset.UTC),
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm','", Locale.ENGLISH).withZone(ZoneOffset.UTC));
  private static final List<String> GREETINGS = List.of("Hi,", "Hello,", "Dear Customer Care,", "Hi there,");
  private static final List<String> CLOSINGS = List.of("Thanks,", "Best,", "Kind regards,", "Cheers,");
  private static final List<String> SIGNOFFS = List.of("Sent from my iPhone", "Sent from my Android phone", "");
  private static final List<String> SUBJECTS_WITHOUT_TITLE = List.of(
      "Feedback on my order", "About my recent purchase", "My order", "Question about an item");
  private static final List<String> SHOP_MESSAGES = List.of(
      "Thank you for your order %1$s! We hope you love your new %2$s.",
      "Your order %1$s has been delivered. How did your %2$s fit?",
      "We'd love to hear what you think of your %2$s from order %1$s. Just reply to this email.",
      "Thanks for reaching out about order %1$s. Could you tell us a bit more about your %2$s?");

  @Override
  public SampleMessage create(SampleReview review, SplittableRandom random, Instant now) {
    String messageId = "msg-" + Randoms.hex(random, 16);
    People.Person customer = People.any(random);
    String address = People.emailAddress(customer, random);
    String orderId = Randoms.chance(random, 0.7) ? "ORD-" + Randoms.digits(random, 6) : null;
    boolean isReply = Randoms.chance(random, 0.35);
    String subject = review.title().isEmpty() ? Randoms.oneOf(random, SUBJECTS_WITHOUT_TITLE) : review.title();

    EmailBody body = new EmailBody(
        Randoms.chance(random, 0.7) ? Randoms.oneOf(random, GREETINGS) : null,
        List.of(review.text().strip().split("\\s*\\n\\s*\\n?\\s*")),
        List.of(Randoms.oneOf(random, CLOSINGS), customer.firstName()),
        signature(customer, random),
        isReply ? quote(review, customer, orderId, random, now) : null);

    ObjectNode value = JsonNodeFactory.instance.objectNode();
    value.put("messageId", messageId);
    value.put("body", Randoms.chance(random, 0.55) ? body.html(random.nextBoolean()) : body.plainText());
    JsonFields.putSometimes(value, "from",
        Randoms.chance(random, 0.3) ? customer.fullName() + " <" + address + ">" : address, 0.95, random);
    JsonFields.putSometimes(value, "subject", isReply ? "Re: " + subject : subject, 0.9, random);
    JsonFields.putTime(value, "receivedAt", now, random);
    if (orderId != null) {
      value.put("orderId", orderId);
    }
    return new SampleMessage(messageId, value);
  }

  private static List<String> signature(People.Person customer, SplittableRandom random) {
    if (Randoms.chance(random, 0.5)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>(List.of(customer.fullName()));
    String signoff = Randoms.oneOf(random, SIGNOFFS);
    if (!signoff.isEmpty()) {
      lines.add(signoff);
    }
    return lines;
  }

  private static EmailBody.Quote quote(SampleReview review, People.Person customer, String orderId,
      SplittableRandom random, Instant now) {
    Instant shopWrote = now.minus(Duration.ofMinutes(60L * 24 + random.nextInt(60 * 24 * 9)));
    String item = review.className().isEmpty() ? "purchase" : review.className().toLowerCase(Locale.ROOT);
    String order = orderId == null ? "#" + Randoms.digits(random, 5) : orderId;
    String message = String.format(Randoms.oneOf(random, SHOP_MESSAGES), order, item);
    EmailBody.Quote earlierCustomerMail = Randoms.chance(random, 0.3)
        ? new EmailBody.Quote(attribution(shopWrote.minus(Duration.ofHours(3 + random.nextInt(40))),
            customer.fullName() + " <" + People.emailAddress(customer, random) + ">", random),
            List.of("Hi, where is my order " + order + "? It has been a week."), null)
        : null;
    return new EmailBody.Quote(attribution(shopWrote, SHOP, random),
        List.of("Hi " + customer.firstName() + ",", message, "Kind regards,\nThe Customer Care team"),
        earlierCustomerMail);
  }

  private static String attribution(Instant when, String who, SplittableRandom random) {
    return "On " + Randoms.oneOf(random, ATTRIBUTION_DATES).format(when) + " " + who + " wrote:";
  }
}
