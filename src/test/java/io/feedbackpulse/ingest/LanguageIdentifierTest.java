package io.feedbackpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.demo.SampleReview;
import io.feedbackpulse.demo.SampleReviews;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
  private final LanguageIdentifier languages = LanguageIdentifier.builtIn();

  @Test
  void anEnglishReviewIsEnglish() {
    assertThat(languages.identify("I ordered this dress in my usual size and it fits perfectly. "
        + "The fabric is soft and the color is exactly as pictured. Would buy again.")).isEqualTo("en");
  }

  @Test
  void aChineseComplaintIsChinese() {
    assertThat(languages.identify("快递太慢了，等了两个星期才到，包装也破了，客服一直不回复，非常失望，要求退款。"))
        .isEqualTo("zh");
  }

  @Test
  void chineseThatTheDetectorTakesForKoreanIsChinese() {
    // as the normalizer leaves it (ASCII commas): the detector alone says "ko" at 0.9998
    assertThat(languages.identify("衣服洗一次就坏了,太差了,再也不买了。")).isEqualTo("zh");
    assertThat(languages.identify("质量太差了")).isEqualTo("zh");
  }

  @Test
  void japaneseAndKoreanAreThemselves() {
    assertThat(languages.identify("この商品は最悪です。すぐに壊れました。")).isEqualTo("ja");
    assertThat(languages.identify("배송이 너무 느리고 포장도 엉망이에요")).isEqualTo("ko");
  }

  @Test
  void aRussianComplaintIsRussian() {
    assertThat(languages.identify("Ужасное обслуживание. Заказ пришёл через три недели, коробка была разбита, "
        + "а в поддержке никто не отвечает. Верните деньги!")).isEqualTo("ru");
  }

  @Test
  void aGermanReviewIsGerman() {
    assertThat(languages.identify("Die Lieferung kam pünktlich, aber die Qualität des Stoffes ist leider "
        + "schlecht und die Nähte lösen sich schon nach dem ersten Waschen.")).isEqualTo("de");
  }

  @Test
  void aTextOfTwoWordsIsUndetermined() {
    assertThat(languages.identify("ok thanks")).isEqualTo(LanguageIdentifier.UNDETERMINED);
    assertThat(languages.identify("Danke schön!")).isEqualTo(LanguageIdentifier.UNDETERMINED);
    assertThat(languages.identify("")).isEqualTo(LanguageIdentifier.UNDETERMINED);
    assertThat(languages.identify("12345 !!! :)")).isEqualTo(LanguageIdentifier.UNDETERMINED);
  }

  @Test
  void aLatinTextOfFewerThanTenWordsIsUndeterminedOthersNeedThree() {
    // alone, the detector calls this Dutch at over 90%
    assertThat(languages.identify("Never been more disappointed...")).isEqualTo(LanguageIdentifier.UNDETERMINED);
    assertThat(languages.identify("Der Reißverschluss ist nach einem Tag kaputt gegangen"))
        .isEqualTo(LanguageIdentifier.UNDETERMINED);
    assertThat(languages.identify("Ужасное обслуживание, верните деньги")).isEqualTo("ru");
    assertThat(languages.identify("ok 谢谢")).isEqualTo(LanguageIdentifier.UNDETERMINED);
  }

  @Test
  void theEnglishSentencesOfAGermanTextAreItsEnglishPart() {
    String german = "Das ist eine Katastrophe und ich bin sehr enttäuscht von diesem Händler. Niemand antwortet "
        + "auf meine E-Mails, und das Geld habe ich nach drei Wochen nicht zurückbekommen.";
    String mixed = "The parcel is broken, awful. " + german;
    assertThat(languages.identify(mixed)).isEqualTo("de");
    assertThat(languages.partIn(mixed, Set.of("en")))
        .contains(new LanguageIdentifier.Part("en", "The parcel is broken, awful."));
    assertThat(languages.partIn("Le colis est arrivé cassé. Personne ne répond à mes messages. Thanks for nothing.",
        Set.of("en", "de"))).contains(new LanguageIdentifier.Part("en", "Thanks for nothing."));
  }

  @Test
  void aWhollyGermanTextOrOneWithAStrayEnglishPhraseHasNoEnglishPart() {
    assertThat(languages.partIn("Das ist eine Katastrophe und ich bin sehr enttäuscht von diesem Händler. "
        + "Niemand antwortet auf meine E-Mails.", Set.of("en"))).isEmpty();
    // two words: fewer than a part needs
    assertThat(languages.partIn("Great product! Aber die Lieferung war eine Katastrophe, das Paket kam beschädigt "
        + "an und niemand antwortet.", Set.of("en"))).isEmpty();
    // five English words against fifty-two German ones: less than a tenth
    String longGerman = ("Das ist eine Katastrophe und ich bin sehr enttäuscht von diesem Händler. Niemand antwortet "
        + "auf meine E-Mails, und das Geld habe ich nach drei Wochen nicht zurückbekommen. ").repeat(2);
    assertThat(languages.partIn("The parcel is broken, awful. " + longGerman, Set.of("en"))).isEmpty();
  }

  @Test
  void wordsAreRunsOfLettersAndEachHanCharacter() {
    assertThat(LanguageIdentifier.words("ok thanks")).isEqualTo(2);
    assertThat(LanguageIdentifier.words("don't re-order, 2 items")).isEqualTo(3);
    assertThat(LanguageIdentifier.words("太差了")).isEqualTo(3);
    assertThat(LanguageIdentifier.words("ok 谢谢")).isEqualTo(3);
  }

  @Test
  void noEnglishSampleTextIsTakenForAnotherLanguage() {
    // A false "not English" would hide a complaint from alerts and drift windows: "und" is the only miss allowed.
    // The reviews, their titles and first sentences: the lengths of the demo's chats, posts and subjects.
    Map<String, Integer> counts = new TreeMap<>();
    for (SampleReview review : SampleReviews.load()) {
      for (String text : List.of(review.text(), review.title(), review.text().split("(?<=[.!?])\\s+")[0])) {
        counts.merge(languages.identify(text), 1, Integer::sum);
      }
    }
    assertThat(counts).containsOnlyKeys("en", LanguageIdentifier.UNDETERMINED);
    assertThat(counts.get("en")).as("the full reviews, at least").isGreaterThan(590);
  }
}
