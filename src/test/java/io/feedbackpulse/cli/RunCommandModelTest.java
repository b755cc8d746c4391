package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A model that cannot load stops {@code run} before it touches Kafka, with a clear message and exit status. */
class RunCommandModelTest {
  @Test
  void aMissingModelDirectoryStopsRunWithAClearMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int status = cli.execute("run", "--bootstrap-servers", "127.0.0.1:1", "--set", "model.dir=/nonexistent");

    assertThat(status).isEqualTo(ExitStatus.MODEL_NOT_LOADED).isNotZero();
    assertThat(err.toString()).contains("Cannot start: the model in /nonexistent cannot be loaded");
    assertThat(err.toString().lines().count()).as("one line, no stack trace").isEqualTo(1);
  }
}
