package io.feedbackpulse.inference;

import java.util.ArrayList;
import java.util.List;

/** Cuts a tokenized text into the model windows that cover it. */
public final class TextWindows {
  private final int maxLength;
  private final LongTextPolicy policy;

  /**
   * @param maxLength the model's window in tokens, special tokens counted
   */
  public TextWindows(int maxLength, LongTextPolicy policy) {
    this.maxLength = maxLength;
    this.policy = policy;
  }

  public int maxLength() {
    return maxLength;
  }

  /**
   * One window of the body, as token ids with the special tokens.
   *
   * @param bodyTokens the body tokens it holds
   * @param bodyEnd the index after its last body token
   */
  public record Window(long[] ids, int bodyTokens, int bodyEnd) {}

  public List<Window> of(TokenizedText text) {
    int room = maxLength - text.specialTokenCount();
    if (room <= 0) {
      throw new IllegalStateException("max length " + maxLength + " leaves no room beside "
          + text.specialTokenCount() + " special tokens");
    }
    int n = text.body().length;
    List<Window> windows = new ArrayList<>();
    if (n <= room || !policy.chunked()) {
      int end = Math.min(n, room);
      windows.add(new Window(text.window(0, end), end, end));
      return windows;
    }
    int stride = Math.max(1, room - Math.min(policy.overlapTokens(), room / 2));
    for (int start = 0; ; start += stride) {
      int end = Math.min(n, start + room);
      if (end == n) {
        start = n - room;
      }
      windows.add(new Window(text.window(start, end), end - start, end));
      if (end == n || windows.size() == policy.maxWindows()) {
        return windows;
      }
    }
  }
}
