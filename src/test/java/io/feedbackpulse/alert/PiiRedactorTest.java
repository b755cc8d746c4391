package io.feedbackpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiRedactorTest {
  private final PiiRedactor redactor = new PiiRedactor();

  @Test
  void masksEmailPhoneAndCard() {
    assertThat(redactor.redact("Write me at jane.doe+shop@example.co.uk or call +44 20 7946 0958."))
        .isEqualTo("Write me at [email] or call [phone].");
    assertThat(redactor.redact("I paid with 4111 1111 1111 1111 and got charged twice"))
        .isEqualTo("I paid with [card] and got charged twice");
    assertThat(redactor.redact("call (555) 123-4567 now")).isEqualTo("call [phone] now");
  }

  @Test
  void keepsOrderNumbersDatesPricesAndNonLuhnNumbers() {
    String text = "Order ORD-123456 from 2026-11-28 cost $129.99; ref 1234 5678 9012 3456 is not a card";
    assertThat(redactor.redact(text)).isEqualTo(text);
    assertThat(redactor.redact("size 12, 34b cup, 5'5\" and 125 lbs")).isEqualTo("size 12, 34b cup, 5'5\" and 125 lbs");
  }
}
