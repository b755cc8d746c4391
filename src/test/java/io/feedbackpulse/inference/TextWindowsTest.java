package io.feedbackpulse.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TextWindowsTest {
  private static TokenizedText text(int bodyTokens) {
    return new TokenizedText(new long[] {101}, LongStream.range(1000, 1000 + bodyTokens).toArray(), new long[] {102});
  }

  @Test
  void aShortTextIsOneWindowWithItsSpecialTokens() {
    List<TextWindows.Window> w = new TextWindows(8, LongTextPolicy.DEFAULT).of(text(3));
    assertThat(w).hasSize(1);
    assertThat(w.get(0).ids()).containsExactly(101, 1000, 1001, 1002, 102);
  }

  @Test
  void aLongTextIsCoveredByOverlappingWindowsThatCountTheSpecialTokens() {
    // window 8 = 6 body tokens + 2 special; overlap 2 -> stride 4
    List<TextWindows.Window> w = new TextWindows(8, new LongTextPolicy(true, 2)).of(text(15));
    assertThat(w).allSatisfy(x -> assertThat(x.ids()).hasSizeLessThanOrEqualTo(8));
    assertThat(w.get(0).ids()).containsExactly(101, 1000, 1001, 1002, 1003, 1004, 1005, 102);
    assertThat(w.get(1).ids()).startsWith(101, 1004);
    assertThat(w.get(w.size() - 1).ids()).endsWith(1014, 102);
    assertThat(w.get(w.size() - 1).bodyTokens()).isEqualTo(6);
  }

  @Test
  void everyBodyTokenIsInSomeWindow() {
    List<TextWindows.Window> w = new TextWindows(10, new LongTextPolicy(true, 3)).of(text(47));
    for (long id = 1000; id < 1047; id++) {
      long token = id;
      assertThat(w).anySatisfy(x -> assertThat(x.ids()).contains(token));
    }
  }

  @Test
  void withoutChunkingOnlyTheFirstWindowIsScored() {
    List<TextWindows.Window> w = new TextWindows(8, new LongTextPolicy(false, 0)).of(text(15));
    assertThat(w).hasSize(1);
    assertThat(w.get(0).ids()).endsWith(1005, 102);
  }

  @Test
  void aTextLongerThanMaxWindowsIsCutAfterItsFirstWindows() {
    // window 8 = 6 body tokens + 2 special; overlap 2 -> stride 4: 3 windows reach body token 14 of 100
    List<TextWindows.Window> w = new TextWindows(8, new LongTextPolicy(true, 2, 3)).of(text(100));
    assertThat(w).hasSize(3);
    assertThat(w.get(0).ids()).startsWith(101, 1000);
    assertThat(w.get(2).bodyEnd()).isEqualTo(14);
    assertThat(new TextWindows(8, new LongTextPolicy(true, 2, 3)).of(text(14))).last()
        .satisfies(last -> assertThat(last.bodyEnd()).isEqualTo(14));
  }
}
