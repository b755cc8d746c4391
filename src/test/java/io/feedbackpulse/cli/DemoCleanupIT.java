package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.App;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo's broker keeps its log segments and the service's state stores in a temporary directory; however the
 * demo ends, the directory is gone afterwards. (SIGTERM is ReadmeCommandsIT's, whose demo runs in its own JVM.)
 */
class DemoCleanupIT {
  /** EmbeddedKafkaBroker's prefix for a temporary data directory. */
  static final String BROKER_DIR_PREFIX = "feedback-pulse-kafka-";

  private List<Path> before;

  @BeforeEach
  void rememberTheBrokerDirectoriesThere() throws IOException {
    before = brokerDirectories();
  }

  @Test
  void anEndAfterDurationDeletesTheBrokersData() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status = demo(out, err, "--duration", "PT5S", "--rate", "20", "--set", "http.port=0");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString()).contains("bootstrap.servers=").contains("scored");
    assertThat(brokerDirectories()).as("left behind").isEqualTo(before);
  }

  @Test
  void anEndByAFailureAfterTheBrokerStartedDeletesItsDataToo() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // The web server starts after the broker and the registry: a port that is taken fails the demo there.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int status = demo(out, err, "--duration", "PT5S", "--set", "http.host=127.0.0.1",
          "--set", "http.port=" + taken.getLocalPort());

      assertThat(status).isEqualTo(ExitStatus.BAD_SETTINGS);
      assertThat(err.toString().lines().filter(l -> !l.isBlank())).as("stderr: %s", err).singleElement().asString()
          .startsWith("Cannot start: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
    assertThat(brokerDirectories()).as("left behind").isEqualTo(before);
  }

  private static int demo(StringWriter out, StringWriter err, String... args) {
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = Stream.concat(Stream.of("demo", "--set", "model.dir=" + TINY_ROBERTA), Stream.of(args))
        .toArray(String[]::new);
    return cli.execute(all);
  }

  private static List<Path> brokerDirectories() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith(BROKER_DIR_PREFIX)).sorted().toList();
    }
  }
}
