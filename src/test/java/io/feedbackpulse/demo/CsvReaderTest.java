package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<List<String>> read(String csv) {
    return CsvReader.readAll(new StringReader(csv));
  }

  @Test
  void splitsPlainFieldsAndKeepsEmptyOnes() {
    assertThat(read("a,b,c\n1,,3\n,,\n")).containsExactly(
        List.of("a", "b", "c"), List.of("1", "", "3"), List.of("", "", ""));
  }

  @Test
  void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
    assertThat(read("title,text\n\"Hi, there\",\"She said \"\"wow\"\"\nand left\"\n")).containsExactly(
        List.of("title", "text"), List.of("Hi, there", "She said \"wow\"\nand left"));
  }

  @Test
  void acceptsCrlfAndCrLineEndsAndAMissingFinalLineEnd() {
    assertThat(read("a,b\r\n1,2\r3,4")).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
  }

  @Test
  void keepsCrlfInsideQuotedFields() {
    assertThat(read("\"x\r\ny\",z\r\n")).containsExactly(List.of("x\r\ny", "z"));
  }

  @Test
  void emptyQuotedFieldsAndAQuotedLastField() {
    assertThat(read("\"\",\"\"\n\"a\",\"\"")).containsExactly(List.of("", ""), List.of("a", ""));
  }

  @Test
  void skipsBlankLinesAndAByteOrderMark() {
    assertThat(read("\uFEFFa,b\n\n1,2\n\n")).containsExactly(List.of("a", "b"), List.of("1", "2"));
  }

  @Test
  void emptyInputHasNoRecords() {
    assertThat(read("")).isEmpty();
  }

  @Test
  void rejectsAnUnterminatedQuotedField() {
    assertThatThrownBy(() -> read("a,b\n1,\"never\nends\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("starts on line 2 never ends");
  }

  @Test
  void rejectsTextAfterAClosingQuoteAndStrayQuotes() {
    assertThatThrownBy(() -> read("\"a\"b,c\n")).hasMessageContaining("after the closing quote");
    assertThatThrownBy(() -> read("a\"b,c\n")).hasMessageContaining("quote inside an unquoted field");
  }
}
