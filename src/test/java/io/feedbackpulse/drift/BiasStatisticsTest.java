package io.feedbackpulse.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.feedbackpulse.avro.BiasFacet;
import io.feedbackpulse.avro.DriftEvent;
import io.feedbackpulse.avro.LabelDistribution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DPPL of channels and categories against the rest of their window, by hand. */
class BiasStatisticsTest {
  private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

  /** email 6/10 negative, chat 1/10, app 3/10 (app: Dresses 3/4, Tops 0/6, one without category). */
  private static LabelWindowAggregate threeChannels() {
    LabelWindowAggregate a = new LabelWindowAggregate();
    Windows.add(a, "email", null, 6, 2, 2);
    Windows.add(a, "chat", null, 1, 4, 5);
    Windows.add(a, "app", "Dresses", 3, 1, 0);
    Windows.add(a, "app", "Tops", 0, 2, 3);
    Windows.add(a, "app", null, 0, 0, 1);
    return a;
  }

  private static Map<String, BiasFacet> byValue(List<BiasFacet> facets) {
    return facets.stream().collect(Collectors.toMap(f -> f.getFacet() + "=" + f.getValue(), f -> f));
  }

  @Test
  void eachChannelAgainstTheOtherChannelsAndEachCategoryAgainstTheOtherCategories() {
    Map<String, BiasFacet> facets = byValue(BiasStatistics.facets(threeChannels()));
    assertThat(facets).containsOnlyKeys("channel=email", "channel=chat", "channel=app", "category=Dresses",
        "category=Tops");
    BiasFacet email = facets.get("channel=email");
    // 6/10 against (1 + 3)/20
    assertThat(email.getN()).isEqualTo(10);
    assertThat(email.getRestN()).isEqualTo(20);
    assertThat(email.getNegativeShare()).isCloseTo(0.6, within(1e-12));
    assertThat(email.getRestNegativeShare()).isCloseTo(0.2, within(1e-12));
    assertThat(email.getDppl()).isCloseTo(0.4, within(1e-12));
    assertThat(email.getShares().getNeutral()).isCloseTo(0.2, within(1e-12));
    assertThat(email.getRestShares().getPositive()).isCloseTo(9 / 20.0, within(1e-12));
    // 1/10 against 9/20
    assertThat(facets.get("channel=chat").getDppl()).isCloseTo(-0.35, within(1e-12));
    // 3/10 against 7/20
    assertThat(facets.get("channel=app").getDppl()).isCloseTo(-0.05, within(1e-12));
    // Dresses 3/4 against Tops 0/5; the item without a category is in neither
    BiasFacet dresses = facets.get("category=Dresses");
    assertThat(dresses.getN()).isEqualTo(4);
    assertThat(dresses.getRestN()).isEqualTo(5);
    assertThat(dresses.getDppl()).isCloseTo(0.75, within(1e-12));
    assertThat(facets.get("category=Tops").getDppl()).isCloseTo(-0.75, within(1e-12));
  }

  @Test
  void aFacetWithoutRestIsNotCompared() {
    LabelWindowAggregate oneChannel = Windows.add(new LabelWindowAggregate(), "app", "Dresses", 5, 0, 0);
    assertThat(BiasStatistics.facets(oneChannel)).isEmpty();
    assertThat(BiasStatistics.facets(new LabelWindowAggregate())).isEmpty();
  }

  @Test
  void aZeroNegativeShareOnBothSidesIsNoBias() {
    LabelWindowAggregate a = new LabelWindowAggregate();
    Windows.add(a, "email", null, 0, 3, 0);
    Windows.add(a, "chat", null, 0, 0, 2);
    assertThat(BiasStatistics.facets(a)).extracting(BiasFacet::getDppl).containsExactly(0.0, 0.0);
  }

  @Test
  void breachesOfTheBoundWithEnoughItemsOnBothSidesBecomeBiasEvents() {
    LabelDistribution all = LabelDistributions.of("all", START, START.plusSeconds(300), threeChannels(),
        new DriftReference(new ReferenceDistribution("uniform", new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}),
            Optional.empty()));
    assertThat(all.getBias()).hasSize(5);

    List<DriftEvent> events = new BiasDetector(new BiasBound(0.2, 10)).events(all);
    // email +0.4 and chat -0.35 are beyond 0.2; app -0.05 is not; the categories have fewer than 10 items
    assertThat(events).extracting(DriftEvent::getFacetValue).containsExactlyInAnyOrder("email", "chat");
    DriftEvent email = events.stream().filter(e -> e.getFacetValue().equals("email")).findFirst().orElseThrow();
    assertThat(email.getKind()).isEqualTo("bias");
    assertThat(email.getStatistic()).isEqualTo("dppl");
    assertThat(email.getChannel()).isEqualTo("all");
    assertThat(email.getFacet()).isEqualTo("channel");
    assertThat(email.getReference()).isEqualTo("rest:channel");
    assertThat(email.getValue()).isCloseTo(0.4, within(1e-12));
    assertThat(email.getThreshold()).isEqualTo(0.2);
    assertThat(email.getTotal()).isEqualTo(10);
    assertThat(email.getCurrentValue()).isCloseTo(0.6, within(1e-12));
    assertThat(email.getReferenceValue()).isCloseTo(0.2, within(1e-12));
    assertThat(email.getCurrentShares().getNegative()).isCloseTo(0.6, within(1e-12));

    assertThat(new BiasDetector(new BiasBound(0.2, 11)).events(all)).isEmpty();
    assertThat(new BiasDetector(new BiasBound(0.5, 4)).events(all)).extracting(DriftEvent::getFacetValue)
        .containsExactlyInAnyOrder("Dresses", "Tops");
  }
}
