package io.feedbackpulse.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.streams.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The review-by-channel topic's records: what an earlier version left in it still reads. */
class ReviewCandidateTest {
  @Test
  void aRecordWrittenAsAScoredItemByTheVersionBeforeReadsAsALowConfidenceCandidate() {
    ScoredItem before = new ScoredItem("chat:m-1", "chat", "meh", 0, new double[] {0.3, 0.4, 0.3}, "sha256:ab",
        "v1", 1_000L);
    byte[] written = JsonSerde.of(ScoredItem.class).serializer().serialize("review-by-channel", before);

    ReviewCandidate read = JsonSerde.of(ReviewCandidate.class).deserializer().deserialize("review-by-channel", written);

    assertThat(read.id()).isEqualTo("chat:m-1");
    assertThat(read.probabilities()).containsExactly(0.3, 0.4, 0.3);
    assertThat(read.modelVersion()).isEqualTo("v1");
    assertThat(read.eventTime()).isEqualTo(1_000L);
    assertThat(read.reasonOrDefault()).isEqualTo(ReviewCandidate.LOW_CONFIDENCE);
    assertThat(read.secondOpinion()).isNull();
  }

  @Test
  void aCandidateWrittenWithReasonsByTheVersionBeforeStillReads() {
    String before = "{\"id\":\"chat:m-3\",\"channel\":\"chat\",\"text\":\"late\",\"label\":-1,"
        + "\"probabilities\":[0.8,0.1,0.1],\"modelId\":\"sha256:ab\",\"modelVersion\":\"v1\",\"eventTime\":3000,"
        + "\"reason\":\"low_confidence\",\"secondOpinion\":null,\"reasons\":[{\"name\":\"delivery\",\"score\":0.7}]}";

    ReviewCandidate read = JsonSerde.of(ReviewCandidate.class).deserializer().deserialize("review-by-channel",
        before.getBytes(StandardCharsets.UTF_8));

    assertThat(read.id()).isEqualTo("chat:m-3");
    assertThat(read.label()).isEqualTo(-1);
    assertThat(read.reasonOrDefault()).isEqualTo(ReviewCandidate.LOW_CONFIDENCE);
  }

  @Test
  void aDisagreementKeepsItsSecondOpinionThroughTheTopic() {
    ReviewCandidate c = new ReviewCandidate("chat:m-2", "chat", "fine", 1, new double[] {0.1, 0.2, 0.7}, "sha256:ab",
        "v1", 2_000L, ReviewCandidate.MODEL_DISAGREEMENT,
        new ReviewCandidate.SecondOpinion("sha256:cd", "v2", -1, new double[] {0.6, 0.3, 0.1}));
    var serde = JsonSerde.of(ReviewCandidate.class);

    ReviewCandidate read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", c));

    assertThat(read.reasonOrDefault()).isEqualTo(ReviewCandidate.MODEL_DISAGREEMENT);
    assertThat(read.secondOpinion().modelVersion()).isEqualTo("v2");
    assertThat(read.secondOpinion().label()).isEqualTo(-1);
    assertThat(read.secondOpinion().probabilities()).containsExactly(0.6, 0.3, 0.1);
  }
}
