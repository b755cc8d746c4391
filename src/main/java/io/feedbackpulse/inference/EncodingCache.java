package io.feedbackpulse.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encodings of the texts whose cost was asked: the batch step costs each record when it arrives and scores it
 * a moment later, and explaining and reasons cost it again, so those calls find its tokens here instead of
 * tokenizing it three more times. Texts that were only scored (an explanation's sentences and occlusions) are not
 * kept. The least recently used entry goes first once {@code capacity} are held. Thread-safe.
 */
final class EncodingCache {
  private final TextEncoder encoder;
  private final Map<String, TokenizedText> kept;

  EncodingCache(TextEncoder encoder, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("an encoding cache holds at least one text, not " + capacity);
    }
    this.encoder = encoder;
    this.kept = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TokenizedText> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The text's encoding, kept for the calls that follow. */
  TokenizedText encodeAndKeep(String text) {
    TokenizedText known = lookUp(text);
    if (known != null) {
      return known;
    }
    TokenizedText encoded = encoder.encode(text);
    synchronized (kept) {
      kept.put(text, encoded);
    }
    return encoded;
  }

  /** The texts' encodings, in order: those kept as they are, the others encoded together in one call. */
  List<TokenizedText> encode(List<String> texts) {
    List<TokenizedText> out = new ArrayList<>(texts.size());
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      TokenizedText known = lookUp(texts.get(i));
      out.add(known);
      if (known == null) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      List<TokenizedText> encoded = encoder.encode(missing.stream().map(texts::get).toList());
      for (int k = 0; k < missing.size(); k++) {
        out.set(missing.get(k), encoded.get(k));
      }
    }
    return out;
  }

  private TokenizedText lookUp(String text) {
    synchronized (kept) {
      return kept.get(text);
    }
  }
}
