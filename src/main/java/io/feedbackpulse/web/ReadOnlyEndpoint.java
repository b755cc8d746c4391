package io.feedbackpulse.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an endpoint so that only GET and HEAD reach it (anything else: 405), and turns its
 * exceptions into JSON errors: 400 for a bad request, 503 when the answer is not available now, 500 otherwise.
 */
final class ReadOnlyEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ReadOnlyEndpoint.class);

  private final HttpHandler endpoint;

  ReadOnlyEndpoint(HttpHandler endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        Responses.sendError(exchange, 405, method + " is not allowed: every endpoint is read-only");
        return;
      }
      endpoint.handle(exchange);
    } catch (BadRequestException e) {
      Responses.sendError(exchange, 400, e.getMessage());
    } catch (UnavailableException e) {
      Responses.sendError(exchange, 503, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      Responses.sendError(exchange, 500, e.toString());
    } finally {
      exchange.close();
    }
  }
}
