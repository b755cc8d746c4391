package io.feedbackpulse.drift;

import io.feedbackpulse.avro.BiasFacet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Difference in proportions of predicted labels (DPPL) for the negative label: for each channel
 * against the other channels, and for each product category against the other categories, in one
 * window. A facet is reported when both it and its rest hold at least one item.
 */
public final class BiasStatistics {
  public static final String CHANNEL = "channel";
  public static final String CATEGORY = "category";

  private BiasStatistics() {}

  public static List<BiasFacet> facets(LabelWindowAggregate window) {
    List<BiasFacet> out = new ArrayList<>();
    addFacets(CHANNEL, window.byChannel, out);
    addFacets(CATEGORY, window.byCategory, out);
    return out;
  }

  private static void addFacets(String facet, Map<String, LabelCounts> counts, List<BiasFacet> out) {
    LabelCounts all = new LabelCounts();
    for (LabelCounts c : counts.values()) {
      all = all.plus(c);
    }
    for (Map.Entry<String, LabelCounts> e : counts.entrySet()) {
      LabelCounts self = e.getValue();
      LabelCounts rest = all.minus(self);
      if (self.total() == 0 || rest.total() == 0) {
        continue;
      }
      out.add(BiasFacet.newBuilder()
          .setFacet(facet)
          .setValue(e.getKey())
          .setN(self.total())
          .setNegativeShare(self.negativeShare())
          .setShares(LabelDistributions.probabilities(DistributionStatistics.shares(self.asArray())))
          .setRestN(rest.total())
          .setRestNegativeShare(rest.negativeShare())
          .setRestShares(LabelDistributions.probabilities(DistributionStatistics.shares(rest.asArray())))
          .setDppl(self.negativeShare() - rest.negativeShare())
          .build());
    }
  }
}
