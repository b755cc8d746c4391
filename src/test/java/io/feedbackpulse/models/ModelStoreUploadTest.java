package io.feedbackpulse.models;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import io.feedbackpulse.testing.HttpModelStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model published to an http store over real HTTP (a loopback server that keeps what is PUT and serves it on
 * GET, as a WebDAV or object store does) is what an instance fetches from the URL: ModelFetcher downloads it,
 * unpacks it and finds the registered model id.
 */
class ModelStoreUploadTest {
  @TempDir
  Path dir;

  private final HttpModelStore server = new HttpModelStore();

  @AfterEach
  void stop() {
    server.close();
  }

  private URI store() {
    return server.url();
  }

  @Test
  void aPublishedModelIsFetchedFromItsUrlAsTheSameModel() throws Exception {
    ModelStoreUpload upload = new ModelStoreUpload(store(), Optional.of("s3cret"), Duration.ofSeconds(10));

    URI location = upload.publish(TINY_ROBERTA, "v7");

    assertThat(location).isEqualTo(URI.create(store() + "/v7.tar.gz"));
    assertThat(server.stored()).containsOnlyKeys("/models/v7.tar.gz");
    assertThat(server.authorization("/models/v7.tar.gz")).isEqualTo("Bearer s3cret");
    ModelManifest manifest = ManifestDraft.of(ModelSource.of(TINY_ROBERTA.toString()), Optional.of("v7"),
        location.toString(), Optional.empty(), Optional.empty());
    ModelSource fetched = new ModelFetcher(dir.resolve("cache"), Duration.ofSeconds(10)).fetch(manifest);
    assertThat(ModelLineage.identify(fetched).id()).isEqualTo(ModelLineage.identify(
        ModelSource.of(TINY_ROBERTA.toString())).id());
    Path root = Path.of(fetched.toString());
    assertThat(root).startsWith(dir.resolve("cache"));
    List<String> covered = ModelLineage.coveredFiles(ModelSource.of(TINY_ROBERTA.toString())).stream()
        .filter(f -> Files.isRegularFile(TINY_ROBERTA.resolve(f))).toList();
    for (String file : covered) {
      assertThat(root.resolve(file)).as(file).hasSameBinaryContentAs(TINY_ROBERTA.resolve(file));
    }
  }

  @Test
  void theArchiveIsOneThatGnuTarReads() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")), "tar");
    new ModelStoreUpload(store(), Optional.empty(), Duration.ofSeconds(10)).publish(TINY_ROBERTA, "v9");
    Path archive = Files.write(dir.resolve("v9.tar.gz"), server.stored().get("/models/v9.tar.gz"));
    Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
    String listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor()).as(listed).isZero();
    assertThat(listed.lines().toList()).containsExactlyInAnyOrderElementsOf(
        ModelLineage.coveredFiles(ModelSource.of(TINY_ROBERTA.toString())).stream()
            .filter(f -> Files.isRegularFile(TINY_ROBERTA.resolve(f))).toList());
  }

  @Test
  void aStoreThatRefusesTheUploadFailsItWithItsStatusAndWhy() {
    server.refuseWith(403);
    ModelStoreUpload upload = new ModelStoreUpload(store(), Optional.empty(), Duration.ofSeconds(10));
    assertThatThrownBy(() -> upload.publish(TINY_ROBERTA, "v8")).isInstanceOf(IOException.class)
        .hasMessage("model store " + store() + "/v8.tar.gz answered HTTP 403: no write access");
  }

  @Test
  void onlyHttpStoresAreAccepted() {
    assertThatThrownBy(() -> new ModelStoreUpload(URI.create("ftp://store/models"), Optional.empty(),
        Duration.ofSeconds(1))).hasMessageContaining("http:// or https://, got ftp://store/models");
  }
}
