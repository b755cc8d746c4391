package io.feedbackpulse.drift;

import java.util.List;

/**
 * What a label window needs of one scored item.
 *
 * @param channel the item's channel, only where the window compares channels (bias); else null
 * @param productCategory the item's product category, only where the window compares categories; else null
 * @param reasons the complaint reasons the item alerted with (null from a version before reasons: none)
 */
public record LabelSample(int label, double confidence, double entropyBits, int tokenCount, String channel,
    String productCategory, List<String> reasons) {

  public LabelSample(int label, double confidence, double entropyBits, int tokenCount) {
    this(label, confidence, entropyBits, tokenCount, null, null, List.of());
  }

  /** The same item, counted also by channel and product category (which may be null). */
  public LabelSample withFacets(String channel, String productCategory) {
    return new LabelSample(label, confidence, entropyBits, tokenCount, channel, productCategory, reasons);
  }

  /** The same item with the reasons it alerted with. */
  public LabelSample withReasons(List<String> given) {
    return new LabelSample(label, confidence, entropyBits, tokenCount, channel, productCategory, List.copyOf(given));
  }
}
