package io.feedbackpulse.models;

import io.feedbackpulse.avro.AgreementWindow;
import io.feedbackpulse.avro.ChallengeMode;
import io.feedbackpulse.avro.ComparisonKind;
import io.feedbackpulse.avro.ModelComparison;
import io.feedbackpulse.avro.ModelInfo;
import io.feedbackpulse.avro.Probabilities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Champion against challenger over one window of one channel (or all) and one pair of models: the confusion of
 * their labels (rows champion, columns challenger; negative, neutral, positive) and confidence sums. Mutable; a
 * Kafka Streams aggregator adds to it and the store keeps it (JSON).
 */
public final class AgreementWindowAggregate {
  public String channel;
  public String mode;
  public String championId;
  public String championVersion;
  public String challengerId;
  public String challengerVersion;
  public long[][] confusion = new long[3][3];
  public double championConfidenceSum;
  public double challengerConfidenceSum;

  public AgreementWindowAggregate add(String channel, AgreementSample s) {
    this.channel = channel;
    mode = s.mode();
    championId = s.championId();
    championVersion = s.championVersion();
    challengerId = s.challengerId();
    challengerVersion = s.challengerVersion();
    confusion[s.championLabel() + 1][s.challengerLabel() + 1]++;
    championConfidenceSum += s.championConfidence();
    challengerConfidenceSum += s.challengerConfidence();
    return this;
  }

  public long n() {
    long n = 0;
    for (long[] row : confusion) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  public double agreement() {
    return (double) (confusion[0][0] + confusion[1][1] + confusion[2][2]) / n();
  }

  /**
   * Cohen's kappa: (observed agreement - chance agreement) / (1 - chance agreement), chance agreement being the
   * sum over labels of the two models' shares of it; null when chance agreement is 1 (both gave one label only).
   */
  public Double kappa() {
    double n = n();
    double chance = 0;
    for (int k = 0; k < 3; k++) {
      chance += (rowTotal(k) / n) * (columnTotal(k) / n);
    }
    return chance >= 1 ? null : (agreement() - chance) / (1 - chance);
  }

  private long rowTotal(int k) {
    return confusion[k][0] + confusion[k][1] + confusion[k][2];
  }

  private long columnTotal(int k) {
    return confusion[0][k] + confusion[1][k] + confusion[2][k];
  }

  public ModelComparison toRecord(Instant windowStart, Instant windowEnd) {
    double n = n();
    List<List<Long>> rows = new ArrayList<>(3);
    for (long[] row : confusion) {
      rows.add(List.of(row[0], row[1], row[2]));
    }
    return ModelComparison.newBuilder()
        .setKind(ComparisonKind.window)
        .setChannel(channel)
        .setMode(ChallengeMode.valueOf(mode))
        .setChampion(new ModelInfo(championId, championVersion))
        .setChallenger(new ModelInfo(challengerId, challengerVersion))
        .setWindow(AgreementWindow.newBuilder()
            .setWindowStart(windowStart)
            .setWindowEnd(windowEnd)
            .setN(n())
            .setAgreement(agreement())
            .setKappa(kappa())
            .setConfusion(rows)
            .setChampionShares(new Probabilities(rowTotal(0) / n, rowTotal(1) / n, rowTotal(2) / n))
            .setChallengerShares(new Probabilities(columnTotal(0) / n, columnTotal(1) / n, columnTotal(2) / n))
            .setChampionMeanConfidence(championConfidenceSum / n)
            .setChallengerMeanConfidence(challengerConfidenceSum / n)
            .build())
        .build();
  }
}
