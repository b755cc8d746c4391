package io.feedbackpulse.models;

import io.feedbackpulse.avro.ItemComparison;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.Probabilities;

/** One compared item, as the agreement windows count it (the repartition record, JSON). */
public record AgreementSample(String mode, String championId, String championVersion, String challengerId,
    String challengerVersion, int championLabel, int challengerLabel, double championConfidence,
    double challengerConfidence) {

  public static AgreementSample of(ModelComparison c) {
    ItemComparison item = c.getItem();
    return new AgreementSample(c.getMode().name(), c.getChampion().getId(), c.getChampion().getVersion(),
        c.getChallenger().getId(), c.getChallenger().getVersion(), item.getChampionLabel(),
        item.getChallengerLabel(), confidence(item.getChampionProbabilities()),
        confidence(item.getChallengerProbabilities()));
  }

  /** The pair of models compared: a window counts one pair, so a swap inside it starts another count. */
  public String pair() {
    return mode + "/" + championVersion + "/" + challengerVersion;
  }

  private static double confidence(Probabilities p) {
    return Math.max(p.getNegative(), Math.max(p.getNeutral(), p.getPositive()));
  }
}
