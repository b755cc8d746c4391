package io.feedbackpulse.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP front of a registry that fails its first requests (an HTTP status, or an answer too late), then
 * forwards requests to the registry behind it.
 */
final class FlakyRegistryFront implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String behind;
  private final int failures;
  private final int failStatus;
  private final Duration failDelay;
  private final AtomicInteger requests = new AtomicInteger();

  private FlakyRegistryFront(String behind, int failures, int failStatus, Duration failDelay) throws IOException {
    this.behind = behind;
    this.failures = failures;
    this.failStatus = failStatus;
    this.failDelay = failDelay;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Answers the first {@code failures} requests with {@code status}. */
  static FlakyRegistryFront failingWith(int status, int failures, String behind) throws IOException {
    return new FlakyRegistryFront(behind, failures, status, Duration.ZERO);
  }

  /** Holds the first {@code failures} requests for {@code delay} before answering 504. */
  static FlakyRegistryFront slowFor(Duration delay, int failures, String behind) throws IOException {
    return new FlakyRegistryFront(behind, failures, 504, delay);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (requests.incrementAndGet() <= failures) {
        pause();
        answer(exchange, failStatus, "{\"error_code\":" + failStatus + "01,\"message\":\"not now\"}");
        return;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(behind + exchange.getRequestURI()))
          .method(exchange.getRequestMethod(),
              HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<String> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofString());
      answer(exchange, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pause() {
    try {
      Thread.sleep(failDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException clientGone) {
      // a client that timed out closed the connection: nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
