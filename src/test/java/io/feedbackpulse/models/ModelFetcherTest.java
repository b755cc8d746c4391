package io.feedbackpulse.models;

import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.inference.InferenceOptions;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.inference.SentimentModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFetcherTest {
  static final Path TINY_ROBERTA = Path.of("src/test/resources/models/tiny-roberta");

  @TempDir Path cache;
  private HttpServer server;
  private final Map<String, byte[]> served = new HashMap<>();
  private int requests;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests++;
      byte[] body = served.get(exchange.getRequestURI().getPath());
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aDirectoryWhoseHashMatchesIsUsedWhereItIs() {
    ModelSource source = fetcher().fetch(manifest(TINY_ROBERTA.toString(), tinyId()));
    assertThat(source.location()).isEqualTo(TINY_ROBERTA.toString());
  }

  @Test
  void theHashIsTheOneTheLoadedModelReports() {
    try (SentimentModel model = SentimentModel.load(ModelSource.of(TINY_ROBERTA.toString()),
        InferenceOptions.DEFAULT)) {
      assertThat(tinyId()).isEqualTo(model.lineage().id());
    }
  }

  @Test
  void theBuiltInDefaultIsReadFromTheClasspathAndHasTheIdItLoadsWith() {
    String id;
    try (SentimentModel model = SentimentModel.load(ModelSource.of("classpath:/models/default"),
        InferenceOptions.DEFAULT)) {
      id = model.lineage().id();
    }
    ModelSource source = fetcher().fetch(manifest("classpath:/models/default", id));
    assertThat(source.location()).isEqualTo("classpath:/models/default");
  }

  @Test
  void aDirectoryWithAnotherHashIsRefusedNamingTheVersion() {
    assertThatThrownBy(() -> fetcher().fetch(manifest(TINY_ROBERTA.toString(), "sha256:0000000000000000")))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("model version v1")
        .hasMessageContaining("is not the registered sha256:0000000000000000");
  }

  @Test
  void aMissingDirectoryIsRefused() {
    assertThatThrownBy(() -> fetcher().fetch(manifest("/no/such/model", tinyId())))
        .isInstanceOf(ModelFetchException.class).hasMessageContaining("no such directory");
  }

  @Test
  void aTarGzOverHttpIsUnpackedVerifiedAndReused() throws IOException {
    served.put("/tiny.tar.gz", new TarGz().directoryTree("tiny-roberta", TINY_ROBERTA).bytes());
    ModelManifest m = manifest(url("/tiny.tar.gz"), tinyId());

    ModelSource first = fetcher().fetch(m);
    ModelSource second = fetcher().fetch(m);

    assertThat(Path.of(first.location())).startsWith(cache.resolve(tinyId().substring("sha256:".length())));
    assertThat(second.location()).isEqualTo(first.location());
    assertThat(requests).isEqualTo(1);
    assertThat(ModelLineage.identify(first).id()).isEqualTo(tinyId());
    assertThat(Files.list(cache).toList()).hasSize(1);
  }

  @Test
  void anArchiveThatTarItselfWroteIsUnpacked() throws Exception {
    require(new ProcessBuilder("bash", "-c", "command -v tar").start().waitFor() == 0, "tar is not installed");
    Path archive = Files.createTempFile("tiny", ".tar.gz");
    try {
      Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", TINY_ROBERTA.getParent().toString(),
          TINY_ROBERTA.getFileName().toString()).inheritIO().start();
      assertThat(tar.waitFor()).isZero();
      served.put("/by-tar.tar.gz", Files.readAllBytes(archive));

      ModelSource fetched = fetcher().fetch(manifest(url("/by-tar.tar.gz"), tinyId()));

      assertThat(ModelLineage.identify(fetched).id()).isEqualTo(tinyId());
    } finally {
      Files.deleteIfExists(archive);
    }
  }

  @Test
  void aTarGzWithAnotherHashLeavesNothingInTheCache() throws IOException {
    served.put("/tiny.tar.gz", new TarGz().directoryTree("tiny-roberta", TINY_ROBERTA).bytes());
    assertThatThrownBy(() -> fetcher().fetch(manifest(url("/tiny.tar.gz"), "sha256:0000000000000000")))
        .isInstanceOf(ModelFetchException.class).hasMessageContaining("content hash");
    assertThat(Files.list(cache).toList()).isEmpty();
  }

  @Test
  void anEntryOutsideTheModelDirectoryIsRefused() throws IOException {
    served.put("/evil.tar.gz", new TarGz().file("../../escaped.txt", "x".getBytes()).bytes());
    assertThatThrownBy(() -> fetcher().fetch(manifest(url("/evil.tar.gz"), tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("model version v1")
        .hasMessageContaining("points outside the model directory");
    assertThat(cache.getParent().resolve("escaped.txt")).doesNotExist();
    assertThat(Files.list(cache).toList()).isEmpty();
  }

  @Test
  void anAbsoluteEntryIsRefused() throws IOException {
    served.put("/evil.tar.gz", new TarGz().file("/tmp/escaped.txt", "x".getBytes()).bytes());
    assertThatThrownBy(() -> fetcher().fetch(manifest(url("/evil.tar.gz"), tinyId())))
        .isInstanceOf(ModelFetchException.class).hasMessageContaining("points outside");
  }

  @Test
  void aLinkIsRefused() throws IOException {
    served.put("/link.tar.gz", new TarGz().symlink("config.json", "/etc/passwd").bytes());
    assertThatThrownBy(() -> fetcher().fetch(manifest(url("/link.tar.gz"), tinyId())))
        .isInstanceOf(ModelFetchException.class).hasMessageContaining("links are refused");
  }

  @Test
  void notFoundIsRefused() {
    assertThatThrownBy(() -> fetcher().fetch(manifest(url("/missing.tar.gz"), tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessage("model version v1 at " + url("/missing.tar.gz") + ": HTTP 404");
  }

  private ModelFetcher fetcher() {
    return new ModelFetcher(cache, Duration.ofSeconds(10));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static String tinyId() {
    return ModelLineage.identify(ModelSource.of(TINY_ROBERTA.toString())).id();
  }

  private static ModelManifest manifest(String location, String modelId) {
    return Manifests.manifest("v1", modelId, location, ModelStage.candidate);
  }
}
