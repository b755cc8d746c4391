package io.feedbackpulse.web;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the instance that hosts a channel's part of a store for its own answer: {@code PATH?local=true}, as the
 * query endpoints (/api/windows, /api/quality) answer for the keys they host.
 */
final class RemoteInstance {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  <T> T local(HostInfo host, String path, String channel, int limit, JavaType answer) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + path + "?local=true&limit=" + limit
        + "&channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new UnavailableException("instance " + host + " answered " + response.statusCode() + " for " + channel
            + ": " + response.body());
      }
      return Responses.parse(response.body(), answer);
    } catch (IOException e) {
      throw new UnavailableException("instance " + host + " that hosts " + channel + " cannot be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while asking " + host);
    }
  }
}
