package io.feedbackpulse.models;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static io.feedbackpulse.testing.Prerequisites.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.avro.ModelStage;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.inference.Baseline;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFetcherTest {

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
  void theFp32RunOfTheInt8DefaultHasTheIdItLoadsWith() {
    ModelSource source = ModelSource.of("classpath:/models/default");
    ModelLineage fp32 = ModelLineage.identify(source, false);
    try (SentimentModel model = SentimentModel.load(source, InferenceOptions.DEFAULT.withoutQuantization())) {
      assertThat(model.lineage()).isEqualTo(fp32);
    }
    assertThat(fp32.id()).isNotEqualTo(ModelLineage.identify(source).id());
    assertThat(ModelLineage.identify(ModelSource.of(TINY_ROBERTA.toString()), false).id())
        .as("a model with one run mode").isEqualTo(tinyId());
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
    served.put("/tiny.tar.gz", new TarGz().model("tiny-roberta", TINY_ROBERTA).bytes());
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
      List<String> command = new ArrayList<>(List.of("tar", "-czf", archive.toString(), "-C",
          TINY_ROBERTA.toString()));
      command.addAll(ModelLineage.coveredFiles(ModelSource.of(TINY_ROBERTA.toString())));
      Process tar = new ProcessBuilder(command).inheritIO().start();
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
    served.put("/tiny.tar.gz", new TarGz().model("tiny-roberta", TINY_ROBERTA).bytes());
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
  void anArchiveUnpackingToMoreThanMaxBytesIsRefusedBeforeTheFileIsWrittenAndLeavesNothing() throws IOException {
    long bomb = 64L << 20;
    byte[] archive = new TarGz().model("tiny-roberta", TINY_ROBERTA).zeros("tiny-roberta/padding.bin", bomb).bytes();
    assertThat(archive.length).as("a small download").isLessThan(2 << 20);
    served.put("/bomb.tar.gz", archive);
    FetchLimits limits = new FetchLimits(4L << 20, 1000, 1L << 30);

    assertThatThrownBy(() -> fetcher(limits).fetch(manifest(url("/bomb.tar.gz"), tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("model version v1")
        .hasMessageContaining("archive unpacks to more than 4194304 bytes (models.fetch.max-bytes)");
    assertThat(Files.list(cache).toList()).as("the partial directory is gone").isEmpty();
  }

  @Test
  void unpackingStopsAtTheHeaderOfTheEntryThatBreaksALimit() throws IOException {
    Path archive = cache.resolve("bomb.tar.gz");
    Files.write(archive, new TarGz().model("m", TINY_ROBERTA).zeros("m/padding.bin", 64L << 20).bytes());
    Path target = Files.createDirectory(cache.resolve("target"));
    long maxBytes = 4L << 20;

    assertThatThrownBy(() -> TarArchive.unpack(archive, target, new FetchLimits(maxBytes, 1000, 1L << 30)))
        .isInstanceOf(FetchLimits.Exceeded.class);

    assertThat(target.resolve("m/padding.bin")).doesNotExist();
    assertThat(bytesUnder(target)).as("bytes written").isLessThanOrEqualTo(maxBytes);
  }

  @Test
  void anEntryOverMaxEntryBytesIsRefused() throws IOException {
    served.put("/big.tar.gz", new TarGz().model("tiny-roberta", TINY_ROBERTA).bytes());
    assertThatThrownBy(() -> fetcher(new FetchLimits(1L << 30, 1000, 1000)).fetch(manifest(url("/big.tar.gz"),
        tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("over 1000 (models.fetch.max-entry-bytes)");
    assertThat(Files.list(cache).toList()).isEmpty();
  }

  @Test
  void anArchiveWithMoreThanMaxEntriesIsRefused() throws IOException {
    served.put("/many.tar.gz", new TarGz().model("tiny-roberta", TINY_ROBERTA).bytes());
    assertThatThrownBy(() -> fetcher(new FetchLimits(1L << 30, 3, 1L << 30)).fetch(manifest(url("/many.tar.gz"),
        tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("more than 3 entries (models.fetch.max-entries)");
    assertThat(Files.list(cache).toList()).isEmpty();
  }

  @Test
  void aDownloadOverMaxBytesIsRefused() throws IOException {
    served.put("/tiny.tar.gz", new TarGz().model("tiny-roberta", TINY_ROBERTA).bytes());
    assertThatThrownBy(() -> fetcher(new FetchLimits(10_000, 1000, 10_000)).fetch(manifest(url("/tiny.tar.gz"),
        tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("download is more than 10000 bytes (models.fetch.max-bytes)");
    assertThat(Files.list(cache).toList()).isEmpty();
  }

  @Test
  void anArchiveHoldingAFileTheIdDoesNotCoverIsRefusedThoughTheHashMatches() throws IOException {
    served.put("/extra.tar.gz", new TarGz().model("tiny-roberta", TINY_ROBERTA)
        .file("tiny-roberta/extra.bin", new byte[100]).bytes());
    assertThatThrownBy(() -> fetcher().fetch(manifest(url("/extra.tar.gz"), tinyId())))
        .isInstanceOf(ModelFetchException.class)
        .hasMessageContaining("holds tiny-roberta/extra.bin, which the model id does not cover");
    assertThat(Files.list(cache).toList()).isEmpty();
  }

  @Test
  void baselineJsonCountsInTheIdAsTheLoadedModelReportsIt() throws IOException {
    Path model = Files.createDirectory(cache.resolve("with-baseline"));
    for (String name : ModelLineage.coveredFiles(ModelSource.of(TINY_ROBERTA.toString()))) {
      Files.copy(TINY_ROBERTA.resolve(name), model.resolve(name));
    }
    Files.write(model.resolve(Baseline.FILE), new Baseline(0.2, 0.3, 0.5, 100, "test").toJson());

    String id = ModelLineage.identify(ModelSource.of(model.toString())).id();

    assertThat(id).isNotEqualTo(tinyId());
    assertThat(ModelLineage.coveredFiles(ModelSource.of(model.toString()))).contains(Baseline.FILE);
    try (SentimentModel loaded = SentimentModel.load(ModelSource.of(model.toString()), InferenceOptions.DEFAULT)) {
      assertThat(loaded.lineage().id()).isEqualTo(id);
    }
  }

  @Test
  void theLimitsAreSettingsThatRefuseZero() {
    assertThat(FetchLimits.from(Settings.defaults())).isEqualTo(FetchLimits.DEFAULT);
    assertThat(FetchLimits.from(Settings.defaults().with("models.fetch.max-bytes", "5000000000")).maxBytes())
        .isEqualTo(5_000_000_000L);
    assertThatThrownBy(() -> FetchLimits.from(Settings.defaults().with("models.fetch.max-entries", "0")))
        .isInstanceOf(SettingsException.class).hasMessage("models.fetch.max-entries must be above 0, got 0");
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

  private ModelFetcher fetcher(FetchLimits limits) {
    return new ModelFetcher(cache, Duration.ofSeconds(10), limits);
  }

  private static long bytesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      long total = 0;
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    }
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
