package io.feedbackpulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.pipeline.PipelineOptions;
import io.feedbackpulse.pipeline.WatchTriggers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AutopilotSettingsTest {
  /** The demo's default rate, records per second. */
  private static final double DEMO_RATE = 8;

  private final Settings.Builder builder = Settings.builder();

  @Test
  void areValidPipelineSettingsWithACanaryOfTinySteps() {
    AutopilotSettings.of().forEach(builder::set);
    AutopilotSettings.modelStore(Path.of("/tmp/broker")).forEach(builder::set);
    Settings settings = builder.build();
    PipelineOptions options = PipelineOptions.from(settings);

    assertThat(options.rollout()).isEqualTo(PipelineOptions.Rollout.CANARY);
    assertThat(options.canary().steps()).containsExactly(0.5, 1.0);
    assertThat(options.canary().minItems()).isLessThanOrEqualTo(20);
    assertThat(options.modelStore()).isEqualTo(Path.of("/tmp/broker/pipeline-store"));
    assertThat(settings.integer("pipeline.trigger.min-new-labels")).as("a trigger leaves enough rows for the checks")
        .isGreaterThanOrEqualTo(options.minRows());
    assertThat(WatchTriggers.from(settings).readsEvents()).as("no event starts a run before the labels do").isFalse();
  }

  @Test
  void theTriggerFiresWithinTwoMinutesOfTheDemosTraffic() {
    AutopilotSettings.of().forEach(builder::set);
    Settings autopilot = builder.build();
    // labels per second: the agents' share of the unrated channels, and every app review (its rating labels it)
    double labelsPerSecond = DEMO_RATE * (AutopilotSettings.LABELLED_SHARE * (SampleTraffic.share(SampleChannel.EMAIL)
        + SampleTraffic.share(SampleChannel.CHAT) + SampleTraffic.share(SampleChannel.SOCIAL))
        + SampleTraffic.share(SampleChannel.APP));
    Duration untilTrigger = Duration.ofSeconds((long) (autopilot.integer("pipeline.trigger.min-new-labels")
        / labelsPerSecond)).plus(autopilot.duration("pipeline.watch.interval"));

    assertThat(untilTrigger).isLessThan(Duration.ofMinutes(2));
  }
}
