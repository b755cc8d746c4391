package io.feedbackpulse.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.feedbackpulse.registry.SchemaStore.SubjectVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;

/**
 * A schema registry in memory that speaks the subset of the Confluent REST API that serdes use, over real HTTP
 * on localhost (an ephemeral port): {@code GET /schemas/ids/{id}}, {@code GET /subjects},
 * {@code GET /subjects/{subject}/versions[/{version|latest}]}, {@code POST /subjects/{subject}/versions}
 * (register) and {@code POST /subjects/{subject}} (lookup). Avro schemas only, without references.
 * For tests and for {@code demo}, which runs without an external registry. Safe for concurrent use.
 */
public final class InMemorySchemaRegistry implements AutoCloseable {

  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int VERSION_NOT_FOUND = 40402;
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final int INVALID_SCHEMA = 42201;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SchemaStore store = new SchemaStore();
  private final ObjectMapper json = new ObjectMapper();

  private InMemorySchemaRegistry(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a registry that needs no credentials. */
  public static InMemorySchemaRegistry start() {
    return start(null, null);
  }

  /** Starts a registry that answers 401 to requests without these basic-auth credentials. */
  public static InMemorySchemaRegistry startWithBasicAuth(String user, String password) {
    return start(user, password);
  }

  private static InMemorySchemaRegistry start(String user, String password) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a port for the in-memory schema registry", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "in-memory-schema-registry");
      thread.setDaemon(true);
      return thread;
    });
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(server, executor);
    HttpContext context = server.createContext("/", registry::handle);
    if (user != null) {
      context.setAuthenticator(new BasicAuthenticator("schema-registry") {
        @Override
        public boolean checkCredentials(String givenUser, String givenPassword) {
          return equalBytes(user, givenUser) & equalBytes(password, givenPassword);
        }
      });
    }
    server.setExecutor(executor);
    server.start();
    return registry;
  }

  /** The base URL, for example {@code http://127.0.0.1:41234}. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + address.getPort();
  }

  /** Registers an Avro schema under a subject, as {@code POST /subjects/{subject}/versions} does; returns its id. */
  public int register(String subject, Schema schema) {
    return store.register(subject, schema.toString()).id();
  }

  /** The subjects registered so far, in order of first registration. */
  public List<String> subjects() {
    return store.subjects();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response response;
      try {
        response = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
            exchange.getRequestBody());
      } catch (IOException | RuntimeException e) {
        response = error(500, 50001, "in-memory registry failed: " + e);
      }
      byte[] body = response.body().toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPE);
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Response route(String method, List<String> path, InputStream body) throws IOException {
    boolean get = method.equals("GET");
    boolean post = method.equals("POST");
    int size = path.size();
    if (get && size == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids")) {
      return schemaById(path.get(2));
    }
    if (size >= 1 && path.get(0).equals("subjects")) {
      if (get && size == 1) {
        return ok(json.valueToTree(store.subjects()));
      }
      if (post && size == 2) {
        return lookup(path.get(1), readSchema(body));
      }
      if (size >= 3 && path.get(2).equals("versions")) {
        if (post && size == 3) {
          return register(path.get(1), readSchema(body));
        }
        if (get && size == 3) {
          return versions(path.get(1));
        }
        if (get && size == 4) {
          return version(path.get(1), path.get(3));
        }
      }
    }
    return error(404, 404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path));
  }

  private Response schemaById(String idText) {
    Optional<String> schema = parseInt(idText).flatMap(store::schema);
    return schema.map(s -> ok(json.createObjectNode().put("schema", s)))
        .orElseGet(() -> error(404, SCHEMA_NOT_FOUND, "Schema " + idText + " not found"));
  }

  private Response register(String subject, ParsedRequest request) {
    if (request.error() != null) {
      return request.error();
    }
    SubjectVersion registered = store.register(subject, request.canonicalSchema());
    return ok(json.createObjectNode().put("id", registered.id()));
  }

  private Response lookup(String subject, ParsedRequest request) {
    if (request.error() != null) {
      return request.error();
    }
    if (!store.hasSubject(subject)) {
      return error(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return store.lookup(subject, request.canonicalSchema())
        .map(this::subjectVersion)
        .orElseGet(() -> error(404, SCHEMA_NOT_FOUND, "Schema not found"));
  }

  private Response versions(String subject) {
    if (!store.hasSubject(subject)) {
      return error(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return ok(json.valueToTree(store.versions(subject)));
  }

  private Response version(String subject, String versionText) {
    if (!store.hasSubject(subject)) {
      return error(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    Optional<Integer> version = versionText.equals("latest") ? Optional.of(-1) : parseInt(versionText);
    return version.flatMap(v -> store.version(subject, v))
        .map(this::subjectVersion)
        .orElseGet(() -> error(404, VERSION_NOT_FOUND, "Version " + versionText + " not found."));
  }

  private Response subjectVersion(SubjectVersion found) {
    ObjectNode body = json.createObjectNode()
        .put("subject", found.subject())
        .put("version", found.version())
        .put("id", found.id())
        .put("schema", found.schema());
    return ok(body);
  }

  /** The request's schema in canonical form, or the error response that rejects it. */
  private record ParsedRequest(String canonicalSchema, Response error) {
  }

  private ParsedRequest readSchema(InputStream body) throws IOException {
    JsonNode request;
    try {
      request = json.readTree(body);
    } catch (IOException e) {
      return new ParsedRequest(null, error(400, 400, "request body is not JSON: " + e.getMessage()));
    }
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      return new ParsedRequest(null, error(422, INVALID_SCHEMA, "only AVRO schemas are supported, got " + type));
    }
    if (!request.path("references").isEmpty()) {
      return new ParsedRequest(null, error(422, INVALID_SCHEMA, "schema references are not supported"));
    }
    if (!request.path("schema").isTextual()) {
      return new ParsedRequest(null, error(422, INVALID_SCHEMA, "the request has no schema"));
    }
    try {
      return new ParsedRequest(new Schema.Parser().parse(request.path("schema").asText()).toString(), null);
    } catch (RuntimeException e) { // Avro 1.12 throws more than SchemaParseException for bad schemas
      return new ParsedRequest(null, error(422, INVALID_SCHEMA, "Invalid schema: " + e.getMessage()));
    }
  }

  private record Response(int status, JsonNode body) {
  }

  private static Response ok(JsonNode body) {
    return new Response(200, body);
  }

  private Response error(int status, int errorCode, String message) {
    return new Response(status, json.createObjectNode().put("error_code", errorCode).put("message", message));
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    Arrays.stream(rawPath.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8))
        .forEach(segments::add);
    return segments;
  }

  private static Optional<Integer> parseInt(String text) {
    try {
      return Optional.of(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean equalBytes(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8));
  }
}
