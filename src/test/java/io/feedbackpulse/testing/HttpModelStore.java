package io.feedbackpulse.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model store over real HTTP on loopback, as a WebDAV server or an object store behaves for pipeline.model-store
 * .publish: what is PUT under /models/ is kept and served back on GET, 404 for anything else.
 */
public final class HttpModelStore implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
  private final Map<String, String> authorization = new ConcurrentHashMap<>();
  private volatile int refuseWith;

  public HttpModelStore() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/models/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (refuseWith != 0) {
        byte[] why = "no write access".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(refuseWith, why.length);
        exchange.getResponseBody().write(why);
      } else if (exchange.getRequestMethod().equals("PUT")) {
        stored.put(path, body);
        authorization.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.sendResponseHeaders(201, -1);
      } else if (stored.containsKey(path)) {
        exchange.sendResponseHeaders(200, stored.get(path).length);
        exchange.getResponseBody().write(stored.get(path));
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    server.start();
  }

  /** The store's base URL, to publish under. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/models");
  }

  /** What was PUT, by path. */
  public Map<String, byte[]> stored() {
    return stored;
  }

  /** The Authorization header the PUT of {@code path} came with ("null" without one). */
  public String authorization(String path) {
    return authorization.get(path);
  }

  /** From now on every request is answered {@code status} with the body "no write access". */
  public void refuseWith(int status) {
    refuseWith = status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
