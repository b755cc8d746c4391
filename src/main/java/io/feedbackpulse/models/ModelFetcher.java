package io.feedbackpulse.models;

import io.feedbackpulse.avro.ModelManifest;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a manifest's location into a model directory that is the registered model: a directory path is used
 * where it is, {@code classpath:...} is read from the classpath, and an {@code http(s)://} URL of a {@code .tar.gz}
 * is downloaded and unpacked into {@code cacheDir/<model id hex>/}. Every copy is hashed the way {@link
 * ModelLineage#identify} does and must match the manifest's model id, so that what an instance loads is what was
 * registered and gated. A download is unpacked beside its final place and moved there only once it verified,
 * so an existing cache directory is a verified copy and is reused without downloading again. The download and
 * what it unpacks are held to {@link FetchLimits}, and a copy that holds any file the model id does not cover
 * ({@link ModelLineage#coveredFiles}) is refused: what the cache keeps is what the id names.
 */
public final class ModelFetcher {
  private static final Pattern MODEL_ID = Pattern.compile("sha256:([0-9a-f]{16,64})");
  private final Path cacheDir;
  private final Duration timeout;
  private final FetchLimits limits;
  private final HttpClient http;

  public ModelFetcher(Path cacheDir, Duration timeout) {
    this(cacheDir, timeout, FetchLimits.DEFAULT);
  }

  public ModelFetcher(Path cacheDir, Duration timeout, FetchLimits limits) {
    this.cacheDir = cacheDir;
    this.timeout = timeout;
    this.limits = limits;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** The fetcher {@code models.cache-dir}, {@code models.fetch-timeout} and {@code models.fetch.*} describe. */
  public static ModelFetcher configured(Settings settings) {
    String configured = settings.string("models.cache-dir");
    Path cache = configured.isBlank() ? ModelSource.cacheDirectory().resolveSibling("feedback-pulse-fetched")
        : Path.of(configured);
    return new ModelFetcher(cache, settings.duration("models.fetch-timeout"), FetchLimits.from(settings));
  }

  /**
   * The manifest's model as a {@link ModelSource} for {@link io.feedbackpulse.inference.SentimentModel#load}: a
   * source rather than a path because the built-in default lives on the classpath.
   *
   * @throws ModelFetchException naming the version and the cause, when the location cannot be read or its content
   *     hash is not the manifest's model id
   */
  public ModelSource fetch(ModelManifest m) {
    String location = m.getLocation();
    try {
      if (location.startsWith("http://") || location.startsWith("https://")) {
        return ModelSource.of(download(m).toString());
      }
      ModelSource source = ModelSource.of(location);
      if (!location.startsWith("classpath:") && !Files.isDirectory(Path.of(location))) {
        throw failure(m, "no such directory");
      }
      verify(m, source);
      return source;
    } catch (ModelFetchException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw failure(m, e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private Path download(ModelManifest m) throws IOException {
    var matcher = MODEL_ID.matcher(m.getModelId());
    if (!matcher.matches()) {
      throw failure(m, "model id '" + m.getModelId() + "' is not sha256:<hex>");
    }
    Path target = cacheDir.resolve(matcher.group(1));
    if (Files.isDirectory(target)) {
      return modelRoot(target);
    }
    Files.createDirectories(cacheDir);
    Path archive = Files.createTempFile(cacheDir, "download-", ".tar.gz");
    Path unpacked = Files.createTempDirectory(cacheDir, "unpack-");
    try {
      get(m, archive);
      TarArchive.unpack(archive, unpacked, limits);
      Path root = modelRoot(unpacked);
      verify(m, ModelSource.of(root.toString()));
      onlyCoveredFiles(m, unpacked, root);
      try {
        Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another instance on this host verified and moved the same model first: its copy is as good.
        if (!Files.isDirectory(target)) {
          throw e;
        }
      }
      return modelRoot(target);
    } finally {
      Files.deleteIfExists(archive);
      deleteTree(unpacked);
    }
  }

  private void get(ModelManifest m, Path into) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(m.getLocation())).timeout(timeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw failure(m, "no answer within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(m, "interrupted");
    }
    try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(into)) {
      if (response.statusCode() != 200) {
        throw failure(m, "HTTP " + response.statusCode());
      }
      byte[] buffer = new byte[1 << 16];
      long downloaded = 0;
      for (int n; (n = body.read(buffer)) > 0; ) {
        downloaded += n;
        limits.checkDownload(downloaded);
        out.write(buffer, 0, n);
      }
    }
  }

  /** Every regular file unpacked must be one the model id covers: nothing else is kept under that id. */
  private static void onlyCoveredFiles(ModelManifest m, Path unpacked, Path root) throws IOException {
    Set<Path> covered = ModelLineage.coveredFiles(ModelSource.of(root.toString())).stream()
        .map(root::resolve).map(Path::normalize).collect(Collectors.toSet());
    try (Stream<Path> all = Files.walk(unpacked)) {
      List<String> others = all.filter(Files::isRegularFile).map(Path::normalize)
          .filter(p -> !covered.contains(p)).map(p -> unpacked.relativize(p).toString()).sorted().toList();
      if (!others.isEmpty()) {
        throw failure(m, "the archive holds " + String.join(", ", others.subList(0, Math.min(5, others.size())))
            + (others.size() > 5 ? " and " + (others.size() - 5) + " more" : "")
            + ", which the model id does not cover; an archive holds only the model's files");
      }
    }
  }

  /** An archive of {@code model/config.json} and the like unpacks to one folder: the model is that folder. */
  private static Path modelRoot(Path unpacked) throws IOException {
    if (Files.isRegularFile(unpacked.resolve("config.json"))) {
      return unpacked;
    }
    try (Stream<Path> children = Files.list(unpacked)) {
      List<Path> all = children.toList();
      return all.size() == 1 && Files.isDirectory(all.get(0)) ? all.get(0) : unpacked;
    }
  }

  private static void verify(ModelManifest m, ModelSource source) {
    String actual = ModelLineage.identify(source).id();
    if (!actual.equals(m.getModelId())) {
      throw failure(m, "content hash " + actual + " is not the registered " + m.getModelId());
    }
  }

  private static ModelFetchException failure(ModelManifest m, String cause) {
    return failure(m, cause, null);
  }

  private static ModelFetchException failure(ModelManifest m, String cause, Throwable e) {
    return new ModelFetchException("model version " + m.getVersion() + " at " + m.getLocation() + ": "
        + cause.replace('\n', ' '), e);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
