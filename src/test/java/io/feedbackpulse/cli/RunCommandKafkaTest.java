package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A cluster that does not answer stops {@code run} after the stated wait, in one line with its exit status. */
class RunCommandKafkaTest {

  @Test
  void kafkaThatDoesNotAnswerEndsRunAfterTheStatedWait() throws IOException {
    String address = "127.0.0.1:" + portNobodyListensOn();
    StringWriter err = new StringWriter();
    CommandLine cli = App.commandLine();
    cli.setErr(new PrintWriter(err, true));
    long started = System.nanoTime();

    int status = cli.execute("run", "--bootstrap-servers", address, "--set", "model.dir=" + TINY_ROBERTA.toAbsolutePath(),
        "--set", "startup.kafka-timeout=PT2S", "--set", "http.port=0");

    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(status).isEqualTo(ExitStatus.UNREACHABLE);
    assertThat(err.toString().strip()).isEqualTo("Cannot start: Kafka at " + address
        + " did not answer within PT2S (check bootstrap.servers and that the brokers are up)");
    // Not a performance bound: a pending admin request left to its own deadline would hold the exit for 60 s.
    assertThat(seconds).as("seconds until the exit").isLessThan(30);
  }

  private static int portNobodyListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
