package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves files from the classpath: the request path after the endpoint's prefix, under a base
 * resource folder ({@code /webjars/echarts/5.3.1/dist/echarts.min.js} from the WebJar's
 * {@code META-INF/resources/webjars/...}). "/" alone serves the index file when there is one.
 */
final class ClasspathFiles implements HttpHandler {
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "json", "application/json; charset=utf-8",
      "map", "application/json; charset=utf-8",
      "svg", "image/svg+xml");

  private final String prefix;
  private final String base;
  private final String index;

  /**
   * @param prefix the endpoint's path, ending in "/"
   * @param base the resource folder, ending in "/"
   * @param index served for the prefix itself; null for none
   */
  ClasspathFiles(String prefix, String base, String index) {
    this.prefix = prefix;
    this.base = base;
    this.index = index;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    if (relative.isEmpty() && index != null) {
      relative = index;
    }
    if (relative.isEmpty() || relative.contains("..") || relative.contains("//") || relative.startsWith("/")) {
      Responses.sendError(exchange, 404, "no such file: " + path);
      return;
    }
    try (InputStream in = ClasspathFiles.class.getResourceAsStream(base + relative)) {
      if (in == null) {
        Responses.sendError(exchange, 404, "no such file: " + path);
        return;
      }
      String extension = relative.substring(relative.lastIndexOf('.') + 1);
      Responses.send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
    }
  }
}
