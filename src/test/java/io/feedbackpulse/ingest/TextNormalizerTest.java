package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  private final TextNormalizer normalizer = new TextNormalizer();

  private String plain(String text) {
    return normalizer.normalize(text, TextFormat.PLAIN);
  }

  private String email(String text) {
    return normalizer.normalize(text, TextFormat.EMAIL);
  }

  @Nested
  class Unicode {

    @Test
    void foldsCompatibilityCharactersWithNfkc() {
      assertThat(plain("Ｔｈｅ ａｐｐ crashes ﬁve times a day ①")).isEqualTo("The app crashes five times a day 1");
    }

    @Test
    void collapsesAllKindsOfWhitespaceAndDropsInvisibleCharacters() {
      assertThat(plain("  Late\u00A0delivery,\t\r\n\n again\u2003and\u200B again\uFEFF  "))
          .isEqualTo("Late delivery, again and again");
    }

    @Test
    void dropsDirectionControlsSoNoTextIsShownReversed() {
      assertThat(plain("refund \u202Edetaeh\u202C now \u2067rtl\u2069 \u200Fok\u200E")).isEqualTo("refund detaeh now rtl ok");
    }

    @Test
    void plainChannelsKeepWhatLooksLikeMarkup() {
      assertThat(plain("I <3 this app & its <b>bold</b> colours")).isEqualTo("I <3 this app & its <b>bold</b> colours");
    }
  }

  @Nested
  class Html {

    @Test
    void turnsAnHtmlMailIntoItsVisibleText() {
      String html = """
          <html><head><title>Order 4711</title><style>p { color: red; }</style></head>
          <body><p>Hello,</p><p>the blender arrived&nbsp;broken &amp; the box was&nbsp;wet.</p>
          <script>track('open')</script><ul><li>Order: 4711</li><li>Item: Blendo&trade; 3000</li></ul></body></html>
          """;

      assertThat(email(html))
          .isEqualTo("Hello, the blender arrived broken & the box was wet. Order: 4711 Item: BlendoTM 3000");
    }

    @Test
    void dropsAGmailQuoteInHtml() {
      String html = """
          <div dir="ltr">Still no refund after two weeks.<br></div><br>
          <div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 3 Jun 2024 at 10:02, Shop Support
          &lt;support@shop.example&gt; wrote:<br></div>
          <blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">We have issued your refund.</blockquote></div>
          """;

      assertThat(email(html)).isEqualTo("Still no refund after two weeks.");
    }

    @Test
    void keepsLineBreaksOfBlocksSoAnHtmlSignatureIsFound() {
      String html = "<div>The app logs me out every hour.</div><div><br></div><div>Kind regards,</div>"
          + "<div>Jane Doe</div>";

      assertThat(email(html)).isEqualTo("The app logs me out every hour.");
    }

    @Test
    void aPlainTextMailWithAStrayAngleBracketIsNotParsedAsHtml() {
      assertThat(email("I would rate it < 3 stars & the support > useless")).isEqualTo(
          "I would rate it < 3 stars & the support > useless");
    }
  }

  @Nested
  class QuotedReplies {

    @Test
    void dropsAWrappedAttributionAndTheQuotedLines() {
      String mail = """
          The replacement is broken too.

          On Mon, Jun 3, 2024 at 10:02 AM Shop Support <support@shop.example>
          wrote:
          > Dear customer,
          > we are sorry to hear that. A replacement is on its way.
          """;

      assertThat(email(mail)).isEqualTo("The replacement is broken too.");
    }

    @Test
    void dropsAnOutlookHeaderBlockAndTheMailBelowIt() {
      String mail = """
          Please cancel my order, I found it cheaper elsewhere.

          ________________________________
          From: Shop Support <support@shop.example>
          Sent: Monday, June 3, 2024 10:02 AM
          To: Jane Doe <jane@example.com>
          Subject: RE: Order 4711

          Dear Jane, your order has shipped.
          """;

      assertThat(email(mail)).isEqualTo("Please cancel my order, I found it cheaper elsewhere.");
    }

    @Test
    void dropsAnOriginalMessageChain() {
      String mail = """
          Thank you, that solved it!
          -----Original Message-----
          From: support@shop.example
          Subject: Your ticket
          Have you tried turning it off and on again?
          """;

      assertThat(email(mail)).isEqualTo("Thank you, that solved it!");
    }

    @Test
    void dropsInterleavedQuotedLinesButKeepsTheAnswers() {
      String mail = """
          > Did the courier ring the bell?
          No, he did not.
          >> Was the parcel damaged?
          Yes, the corner was crushed.
          """;

      assertThat(email(mail)).isEqualTo("No, he did not. Yes, the corner was crushed.");
    }

    @Test
    void keepsAnAngleBracketInsideASentence() {
      assertThat(email("Shipping went from 5 > 15 euros overnight, that is not ok."))
          .isEqualTo("Shipping went from 5 > 15 euros overnight, that is not ok.");
    }

    @Test
    void keepsTheWordWroteInNormalText() {
      String mail = """
          My colleague wrote a review yesterday and nobody wrote back.
          On Monday I wrote:
          please refund me.
          Still nothing.
          """;

      assertThat(email(mail)).isEqualTo(
          "My colleague wrote a review yesterday and nobody wrote back. On Monday I wrote: please refund me. "
              + "Still nothing.");
    }

    @Test
    void keepsAFromLineThatStartsASentence() {
      assertThat(email("From: the first day on, the app crashed.\nSend help."))
          .isEqualTo("From: the first day on, the app crashed. Send help.");
    }

    @Test
    void aMailThatIsOnlyAQuoteBecomesEmpty() {
      assertThat(email("On 3 Jun 2024, at 10:02, support@shop.example wrote:\n> Anything else?")).isEmpty();
    }
  }

  @Nested
  class Signatures {

    @Test
    void dropsEverythingBelowTheSignatureDelimiter() {
      String mail = "Great service, thanks!\n-- \nJane Doe\nSenior Buyer | Acme GmbH\n+49 30 1234567\nwww.acme.example";

      assertThat(email(mail)).isEqualTo("Great service, thanks!");
    }

    @Test
    void dropsAMobileSignature() {
      assertThat(email("Parcel never arrived.\n\nSent from my iPhone")).isEqualTo("Parcel never arrived.");
      assertThat(email("Parcel never arrived.\nGet Outlook for Android")).isEqualTo("Parcel never arrived.");
    }

    @Test
    void dropsASignOffFollowedByAShortNameBlock() {
      String mail = """
          The courier left the parcel in the rain.

          Best regards,
          Jane Doe
          Head of Purchasing, Acme GmbH
          """;

      assertThat(email(mail)).isEqualTo("The courier left the parcel in the rain.");
    }

    @Test
    void keepsASignOffWordThatStartsASentence() {
      assertThat(email("Thanks, but the refund never arrived.\nJane")).isEqualTo("Thanks, but the refund never arrived. Jane");
    }

    @Test
    void keepsASignOffFollowedByLongText() {
      String mail = """
          I ordered a lamp.
          Thanks,
          but honestly the refund never arrived and nobody from your team ever called me back.
          """;

      assertThat(email(mail)).isEqualTo("I ordered a lamp. Thanks, but honestly the refund never arrived and nobody "
          + "from your team ever called me back.");
    }

    @Test
    void keepsAMailThatIsOnlyThanks() {
      assertThat(email("Thanks!\nJane")).isEqualTo("Thanks! Jane");
    }
  }
}
