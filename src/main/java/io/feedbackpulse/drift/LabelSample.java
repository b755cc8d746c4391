package io.feedbackpulse.drift;

/**
 * What a label window needs of one scored item.
 *
 * @param channel the item's channel, only where the window compares channels (bias); else null
 * @param productCategory the item's product category, only where the window compares categories; else null
 */
public record LabelSample(int label, double confidence, double entropyBits, int tokenCount, String channel,
    String productCategory) {

  public LabelSample(int label, double confidence, double entropyBits, int tokenCount) {
    this(label, confidence, entropyBits, tokenCount, null, null);
  }

  /** The same item, counted also by channel and product category (which may be null). */
  public LabelSample withFacets(String channel, String productCategory) {
    return new LabelSample(label, confidence, entropyBits, tokenCount, channel, productCategory);
  }
}
