package io.feedbackpulse.models;

import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a model directory at an {@code http(s)} model store, where every instance can fetch it: the files its
 * model id covers ({@link ModelLineage#coveredFiles}) are packed as {@code <version>.tar.gz} and sent with an HTTP
 * PUT to {@code <store>/<version>.tar.gz}, the URL the manifest then names as its location, which {@link
 * ModelFetcher} downloads, unpacks and checks against the model id. Any server that stores a PUT body and serves it
 * back on GET will do (WebDAV, nginx with {@code dav_methods PUT}, an object store's presigned or authenticated
 * URLs); an optional bearer token goes in the Authorization header.
 */
public final class ModelStoreUpload {
  private final URI store;
  private final Optional<String> token;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param store the store's base URL, {@code http://} or {@code https://}
   * @param token sent as {@code Authorization: Bearer <token>} when present
   */
  public ModelStoreUpload(URI store, Optional<String> token, Duration timeout) {
    String scheme = store.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || store.getHost() == null) {
      throw new IllegalArgumentException("a model store URL is http:// or https://, got " + store);
    }
    this.store = store;
    this.token = token;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The URL {@code version} is published at. */
  public URI locationOf(String version) {
    String base = store.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + version + ".tar.gz");
  }

  /**
   * Packs and sends {@code modelDir}; returns the URL it is at.
   *
   * @throws IOException when the store does not answer 200, 201 or 204 (the status and the start of its body say
   *     why), or cannot be reached
   */
  public URI publish(Path modelDir, String version) throws IOException, InterruptedException {
    List<String> files = ModelLineage.coveredFiles(ModelSource.of(modelDir.toString())).stream()
        .filter(name -> !name.startsWith("classpath:") && Files.isRegularFile(modelDir.resolve(name))).toList();
    Path archive = Files.createTempFile("model-upload-", ".tar.gz");
    try {
      TarArchive.pack(modelDir, files, archive);
      URI location = locationOf(version);
      HttpRequest.Builder put = HttpRequest.newBuilder(location).timeout(timeout)
          .header("Content-Type", "application/gzip").PUT(HttpRequest.BodyPublishers.ofFile(archive));
      token.ifPresent(t -> put.header("Authorization", "Bearer " + t));
      HttpResponse<String> response;
      try {
        response = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        throw new IOException("model store " + location + ": no answer within " + timeout.toSeconds() + " s", e);
      }
      int status = response.statusCode();
      if (status != 200 && status != 201 && status != 204) {
        String body = response.body() == null ? "" : response.body().strip();
        throw new IOException("model store " + location + " answered HTTP " + status
            + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
      }
      return location;
    } finally {
      Files.deleteIfExists(archive);
    }
  }
}
