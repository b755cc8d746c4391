package io.feedbackpulse.drift;

import java.util.List;

/**
 * What a label window needs of one scored item, or of one alert's reasons.
 *
 * @param channel the item's channel, only where the window compares channels (bias); else null
 * @param productCategory the item's product category, only where the window compares categories; else null
 * @param reasons the complaint reasons the item alerted with (null from a version before reasons: none)
 * @param reasonsOnly counts the reasons alone: an alert's reasons come after its item's label was counted (they are
 *     given after scoring), so they reach the window as a sample of their own (false in samples of older versions,
 *     which counted both)
 */
public record LabelSample(int label, double confidence, double entropyBits, int tokenCount, String channel,
    String productCategory, List<String> reasons, boolean reasonsOnly) {

  public LabelSample(int label, double confidence, double entropyBits, int tokenCount) {
    this(label, confidence, entropyBits, tokenCount, null, null, List.of());
  }

  public LabelSample(int label, double confidence, double entropyBits, int tokenCount, String channel,
      String productCategory, List<String> reasons) {
    this(label, confidence, entropyBits, tokenCount, channel, productCategory, reasons, false);
  }

  /** The reasons an alert was given, counted apart from its item's label. */
  public static LabelSample reasonsOf(List<String> given) {
    return new LabelSample(0, 0, 0, 0, null, null, List.copyOf(given), true);
  }

  /** The same item, counted also by channel and product category (which may be null). */
  public LabelSample withFacets(String channel, String productCategory) {
    return new LabelSample(label, confidence, entropyBits, tokenCount, channel, productCategory, reasons,
        reasonsOnly);
  }

  /** The same item with the reasons it alerted with. */
  public LabelSample withReasons(List<String> given) {
    return new LabelSample(label, confidence, entropyBits, tokenCount, channel, productCategory, List.copyOf(given),
        reasonsOnly);
  }
}
