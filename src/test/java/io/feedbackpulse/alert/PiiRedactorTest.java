package io.feedbackpulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Hi, it's Tom, reach me on 0151 2345 6789 after six | Hi, it's Tom, reach me on [phone] after six",
      "my number is 555-123-4567, nobody called back | my number is [phone], nobody called back",
      "Call +33 1 42 68 53 00 or +4915123456789 please | Call [phone] or [phone] please",
      "Mail J.Doe@Mail.Example.COM, cc ops_team@shop-x.de | Mail [email], cc [email]",
      "charged on 5500-0000-0000-0004 twice | charged on [card] twice",
      "Amex 3782 822463 10005 was declined | Amex [card] was declined",
      "refund to DE89 3704 0044 0532 0130 00 please | refund to [iban] please",
      "IBAN GB82WEST12345698765432, thanks | IBAN [iban], thanks",
      "Order #A-1042 from jane@example.com, phone 020 7946 0958 | Order #A-1042 from [email], phone [phone]",
      "refund to de89 3704 0044 0532 0130 00 please | refund to [iban] please",
      "iban gb82west12345698765432 | iban [iban]",
      "ring 0049 30 1234567 or +49 30 1234567 | ring [phone] or [phone]",
      "track it at https://shop.example/orders/42?email=jane@x.com&token=abc#top | track it at https://shop.example/orders/42?[query]#top"})
  void masksPiiInRealisticMessages(String text, String masked) {
    assertThat(redactor.redact(text)).isEqualTo(masked);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Order ORD-123456 arrived broken",
      "order number 123456789 still not shipped",
      "tracking 1Z999AA10123456784 shows nothing",
      "delivered 2026-11-28, promised 2026-11-21",
      "delivered on 28.11.2026 instead of 21.11.2026",
      "it said 28/11/2026 on the label",
      "paid $129.99 and then €1,299.00 for the sofa",
      "the sofa cost 1.299,00 € and arrived scratched",
      "jeans 32x34, shoes EU 42/43, W32 L34 fits",
      "size 10 - 12 is too small, 2 x 129.99 refunded?",
      "card 4111 1111 1111 1112 does not pass Luhn",
      "thanks @ShopHelp, see support@shop for details",
      "version 2.14.3 of the app crashes at 10:30"})
  void keepsWhatOnlyLooksLikePii(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
  }
}
