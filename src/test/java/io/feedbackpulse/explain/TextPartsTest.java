package io.feedbackpulse.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPartsTest {
  private static List<String> sentences(String text) {
    return TextParts.sentences(text).stream().map(s -> s.of(text)).toList();
  }

  private static List<String> words(String text) {
    return TextParts.words(text).stream().map(s -> s.of(text)).toList();
  }

  @Test
  void sentencesEndAtClosingPunctuationBeforeWhiteSpaceWhateverTheNextLetterIs() {
    assertThat(sentences("This dress is huge. i am normally a l-xl!! so sad... \"avoid!\" ok?  fine"))
        .containsExactly("This dress is huge.", "i am normally a l-xl!!", "so sad...", "\"avoid!\"", "ok?", "fine");
  }

  @Test
  void decimalsAndAddressesDoNotEndASentenceButLineBreaksDo() {
    assertThat(sentences("It cost 2.5 times more, see shop.example.com\nNobody answered\r\n\r\nRefund please."))
        .containsExactly("It cost 2.5 times more, see shop.example.com", "Nobody answered", "Refund please.");
  }

  @Test
  void wordsKeepInnerPunctuationAndDropTheOuter() {
    assertThat(words("Don't (ever) buy -- it: jane@example.com, 4 stars... ok?!"))
        .containsExactly("Don't", "ever", "buy", "it", "jane@example.com", "4", "stars", "ok");
  }

  @Test
  void removingAPartJoinsTheRestWithOneSpace() {
    String text = "Bad zipper. Nice colour. Refund please.";
    assertThat(TextParts.sentences(text).get(1).removedFrom(text)).isEqualTo("Bad zipper. Refund please.");
    assertThat(TextParts.sentences(text).get(0).removedFrom(text)).isEqualTo("Nice colour. Refund please.");
    assertThat(TextParts.sentences(text).get(2).removedFrom(text)).isEqualTo("Bad zipper. Nice colour.");
  }
}
