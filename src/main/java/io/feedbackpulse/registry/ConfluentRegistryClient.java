package io.feedbackpulse.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lets Apicurio's serdes resolve schemas against a registry that speaks the Confluent Schema Registry REST API
 * (Confluent, Apicurio's ccompat API, Karapace). Apicurio 3.1 ships facades for its own v2/v3 APIs only; the
 * serdes accept any {@link RegistryClientFacade} in their constructors, so framing, Avro datum reading and
 * writing, and schema caching all stay Apicurio's.
 *
 * <p>A Confluent schema id is both Apicurio's content id (what the 4-byte frame carries by default) and its
 * global id. Groups do not exist in the Confluent API; the artifact id is the subject.
 */
public final class ConfluentRegistryClient implements RegistryClientFacade {

  private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String AVRO = "AVRO";

  private final RegistrySettings settings;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public ConfluentRegistryClient(RegistrySettings settings) {
    this.settings = settings;
    HttpClient.Builder http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.requestTimeout());
    if (settings.tls().configured()) {
      http.sslContext(settings.tls().sslContext());
    }
    this.http = http.build();
  }

  @Override
  public String getSchemaByContentId(Long contentId) {
    return schemaById(contentId).path("schema").asText();
  }

  @Override
  public String getSchemaByGlobalId(long globalId, boolean dereferenced) {
    return schemaById(globalId).path("schema").asText();
  }

  @Override
  public String getSchemaByGAV(String groupId, String artifactId, String version) {
    return subjectVersion(artifactId, version).path("schema").asText();
  }

  @Override
  public String getSchemaByContentHash(String contentHash) {
    throw new UnsupportedOperationException("the Confluent REST API has no lookup by content hash");
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
    return references(schemaById(contentId));
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
    return references(schemaById(globalId));
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByGAV(String groupId, String artifactId, String version) {
    return references(subjectVersion(artifactId, version));
  }

  @Override
  public List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
    throw new UnsupportedOperationException("the Confluent REST API has no lookup by content hash");
  }

  @Override
  public List<RegistryVersionCoordinates> searchVersionsByContent(
      String schemaString, String artifactType, ArtifactReference reference, boolean canonical) {
    String subject = reference.getArtifactId();
    try {
      JsonNode found = post("/subjects/" + segment(subject), schemaRequest(schemaString, artifactType, Set.of()));
      return List.of(coordinates(reference.getGroupId(), found));
    } catch (SchemaNotFoundException notRegistered) {
      return List.of();
    }
  }

  /** Whether the subject holds this Avro schema: what a serializer that may not register will look up. */
  public boolean holds(String subject, String schema) {
    try {
      post("/subjects/" + segment(subject), schemaRequest(schema, "AVRO", Set.of()));
      return true;
    } catch (SchemaNotFoundException notRegistered) {
      return false;
    }
  }

  @Override
  public RegistryVersionCoordinates createSchema(
      String artifactType, String groupId, String artifactId, String version, String autoCreateBehavior,
      boolean canonical, String schemaString, Set<RegistryArtifactReference> references) {
    ObjectNode request = schemaRequest(schemaString, artifactType, references);
    post("/subjects/" + segment(artifactId) + "/versions", request);
    // Registration answers only the id; the lookup adds the version number.
    return coordinates(groupId, post("/subjects/" + segment(artifactId), request));
  }

  @Override
  public RegistryVersionCoordinates getVersionCoordinatesByGAV(String groupId, String artifactId, String version) {
    return coordinates(groupId, subjectVersion(artifactId, version));
  }

  @Override
  public Object getClient() {
    return http;
  }

  private JsonNode schemaById(long id) {
    return get("/schemas/ids/" + id);
  }

  private JsonNode subjectVersion(String subject, String version) {
    String wanted = version == null || version.isBlank() ? "latest" : version;
    return get("/subjects/" + segment(subject) + "/versions/" + segment(wanted));
  }

  private ObjectNode schemaRequest(String schema, String artifactType, Set<RegistryArtifactReference> references) {
    ObjectNode request = json.createObjectNode().put("schema", schema);
    if (artifactType != null && !AVRO.equals(artifactType)) {
      request.put("schemaType", artifactType);
    }
    if (references != null && !references.isEmpty()) {
      ArrayNode refs = request.putArray("references");
      for (RegistryArtifactReference reference : references) {
        refs.addObject()
            .put("name", reference.getName())
            .put("subject", reference.getArtifactId())
            .put("version", Integer.parseInt(reference.getVersion()));
      }
    }
    return request;
  }

  private static RegistryVersionCoordinates coordinates(String groupId, JsonNode subjectVersion) {
    long id = subjectVersion.path("id").asLong();
    return RegistryVersionCoordinates.create(id, id, groupId, subjectVersion.path("subject").asText(),
        subjectVersion.path("version").asText());
  }

  private static List<RegistryArtifactReference> references(JsonNode schemaResponse) {
    List<RegistryArtifactReference> references = new ArrayList<>();
    for (JsonNode reference : schemaResponse.path("references")) {
      references.add(RegistryArtifactReference.builder()
          .name(reference.path("name").asText())
          .artifactId(reference.path("subject").asText())
          .version(reference.path("version").asText())
          .build());
    }
    return references;
  }

  private JsonNode get(String path) {
    return send(request(path).GET().build());
  }

  private JsonNode post(String path, JsonNode body) {
    return send(request(path)
        .header("Content-Type", MEDIA_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + path))
        .timeout(settings.requestTimeout())
        .header("Accept", MEDIA_TYPE + ", application/json");
    settings.authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
    return builder;
  }

  private JsonNode send(HttpRequest request) {
    String target = request.method() + " " + request.uri();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RegistryUnavailableException("schema registry unreachable: " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while calling the schema registry: " + target, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return parse(response.body(), target, status);
    }
    RegistryError error = RegistryError.parse(json, response.body());
    String message = target + " answered " + status + ": " + error.message();
    if (status == 404 && error.isConfluentNotFound()) {
      throw new SchemaNotFoundException(message, error.code().orElseThrow());
    }
    if (status == 404) {
      // A 404 without Confluent's 404xx code: no registry API at this URL, a configuration error.
      throw new RegistryRequestException(message + " (is " + settings.url() + " a Confluent REST API?)", status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      throw new RegistryUnavailableException(message);
    }
    throw new RegistryRequestException(message, status);
  }

  private JsonNode parse(String body, String target, int status) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new RegistryRequestException(target + " answered " + status + " with a body that is not JSON (is "
          + settings.url() + " a Confluent REST API?)", status);
    }
  }

  /** Confluent's error body {@code {"error_code": 40403, "message": "..."}}, or whatever text came instead. */
  private record RegistryError(Optional<Integer> code, String message) {

    /** 40401 subject, 40402 version, 40403 schema not found (Confluent, Apicurio ccompat, Karapace). */
    boolean isConfluentNotFound() {
      return code.filter(c -> c >= 40400 && c <= 40499).isPresent();
    }

    static RegistryError parse(ObjectMapper json, String body) {
      try {
        JsonNode error = json.readTree(body);
        JsonNode code = error.path("error_code");
        JsonNode message = error.path("message");
        return new RegistryError(code.canConvertToInt() ? Optional.of(code.asInt()) : Optional.empty(),
            message.isTextual() ? message.asText() : body);
      } catch (IOException notJson) {
        return new RegistryError(Optional.empty(), body);
      }
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
