package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's HTTP server, bound as soon as it is made (so that its port is known, port 0 included,
 * before Kafka Streams is told its application.server), serving once it is given its endpoints.
 * Every endpoint is read-only.
 */
public final class WebServer implements AutoCloseable {
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "web");
    t.setDaemon(true);
    return t;
  });

  private WebServer(HttpServer server) {
    this.server = server;
  }

  /** @throws CannotListenException when the address is taken or not allowed */
  public static WebServer bind(String host, int port) {
    try {
      return new WebServer(HttpServer.create(new InetSocketAddress(host, port), 0));
    } catch (IOException e) {
      throw new CannotListenException(host, port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String host() {
    return server.getAddress().getHostString();
  }

  /** Serves these endpoints (path prefix to handler) from now on. */
  public void serve(Map<String, HttpHandler> endpoints) {
    endpoints.forEach((path, handler) -> server.createContext(path, new ReadOnlyEndpoint(handler)));
    server.setExecutor(executor);
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
