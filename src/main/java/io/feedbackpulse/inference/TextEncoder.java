package io.feedbackpulse.inference;

import java.util.List;

/** Texts to their token ids, whole (windows are cut later). */
interface TextEncoder {
  TokenizedText encode(String text);

  List<TokenizedText> encode(List<String> texts);
}
