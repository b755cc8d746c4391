package io.feedbackpulse.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Asks the instance that hosts a channel's windows for them: its /api/windows?local=true. */
final class RemoteWindows {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  record Answer(List<WindowView> windows) {}

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  List<WindowView> recent(HostInfo host, String channel, int limit) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + "/api/windows?local=true&limit=" + limit
        + "&channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new UnavailableException("instance " + host + " answered " + response.statusCode() + " for " + channel
            + ": " + response.body());
      }
      return Responses.parse(response.body(), Answer.class).windows();
    } catch (IOException e) {
      throw new UnavailableException("instance " + host + " that hosts " + channel + " cannot be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while asking " + host);
    }
  }
}
