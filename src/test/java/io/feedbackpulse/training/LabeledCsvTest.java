package io.feedbackpulse.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A file that is not a labeled CSV says which file, which line and why, whatever the problem. */
class LabeledCsvTest {
  @Test
  void anUnclosedQuoteNamesTheLineItsRowStartsOn() {
    assertMalformed("text,label\nfine,1\n\"never closed,0\nmore,1\n", "eval.csv, line 3: Missing closing quote");
  }

  @Test
  void aRowWithTooManyFieldsNamesItsLine() {
    assertMalformed("text,label\nfine,1\n\"two\nlines\",0\nthree,1,extra\n", "eval.csv, line 5: Too many entries");
  }

  @Test
  void anUnknownLabelNamesItsLine() {
    assertMalformed("text,label\nfine,1\nodd,7\n", "eval.csv, line 3: no sentiment with value 7");
    assertMalformed("text,label\nodd,great\n", "eval.csv, line 2: unknown label 'great'");
  }

  @Test
  void aRatingThatIsNotStarsNamesItsLine() {
    assertMalformed("Review Text,Rating\nnice,5\nodd,five\n", "eval.csv, line 3: rating 'five' is not a number");
    assertMalformed("Review Text,Rating\nodd,9\n", "eval.csv, line 2: rating must be 1 to 5, got 9");
  }

  @Test
  void missingColumnsAreNamed() {
    assertMalformed("comment,score\nnice,1\n", "eval.csv, line 2: expected columns");
  }

  @Test
  void anEmptyFileIsNotACsvWithAHeader() {
    assertMalformed("", "eval.csv, line 1: ");
  }

  @Test
  void aHeaderAloneIsAnEmptySet() throws Exception {
    assertThat(LabeledCsv.read(new StringReader("text,label\n"), "eval.csv", "eval")).isEmpty();
  }

  private static void assertMalformed(String csv, String message) {
    assertThatThrownBy(() -> LabeledCsv.read(new StringReader(csv), "eval.csv", "eval"))
        .isInstanceOf(MalformedCsvException.class).hasMessageStartingWith(message);
  }
}
