package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's options as picocli parses them; nothing here starts a broker. */
class DemoCommandOptionsTest {

  private static DemoCommand parse(String... args) {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs(args);
    return demo;
  }

  @Test
  void driftAfterTakesAnIsoDurationOrSeconds() {
    assertThat(parse("--drift-after", "PT2M").driftAfter).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse("--drift-after", "90").driftAfter).isEqualTo(Duration.ofSeconds(90));
    assertThat(parse().driftAfter).isNull();
  }

  @Test
  void durationIsParsedTheSameWay() {
    assertThat(parse("--duration", "PT3M").duration).isEqualTo(Duration.ofMinutes(3));
    assertThat(parse("--duration", "45").duration).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void somethingElseIsAUsageError() {
    assertThatThrownBy(() -> parse("--drift-after", "soon"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void driftAfterWithoutSampleTrafficIsAUsageErrorBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    CommandLine demo = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err));

    int exit = demo.execute("--no-sample-traffic", "--drift-after", "PT1M");

    assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--drift-after shifts the sample traffic");
  }

  @Test
  void autopilotWithoutSampleTrafficIsAUsageErrorBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    CommandLine demo = new CommandLine(new DemoCommand()).setErr(new PrintWriter(err));

    int exit = demo.execute("--no-sample-traffic", "--autopilot");

    assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(err.toString()).contains("--autopilot labels the sample traffic; --no-sample-traffic has none");
  }

  @Test
  void autopilotIsOffUnlessAsked() {
    assertThat(parse().autopilot).isFalse();
    assertThat(parse("--autopilot").autopilot).isTrue();
  }

  @Test
  void theHelpNamesTheShiftedChannel() {
    assertThat(new CommandLine(new DemoCommand()).getUsageMessage()).contains("--drift-after=DURATION", "chat");
  }
}
