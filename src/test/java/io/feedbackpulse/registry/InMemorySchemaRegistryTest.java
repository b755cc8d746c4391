package io.feedbackpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.avro.channel.AppReview;
import io.feedbackpulse.avro.channel.ChatFeedback;
import io.feedbackpulse.avro.channel.EmailFeedback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private InMemorySchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = InMemorySchemaRegistry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registeringIsIdempotentAndIdsAreSharedAcrossSubjects() throws Exception {
    JsonNode first = post("/subjects/feedback.raw.chat-value/versions", ChatFeedback.getClassSchema());
    JsonNode again = post("/subjects/feedback.raw.chat-value/versions", ChatFeedback.getClassSchema());
    JsonNode otherSubject = post("/subjects/chat-copy-value/versions", ChatFeedback.getClassSchema());
    JsonNode otherSchema = post("/subjects/feedback.raw.chat-value/versions", AppReview.getClassSchema());

    assertThat(first.path("id").asInt()).isEqualTo(1);
    assertThat(again.path("id").asInt()).isEqualTo(1);
    assertThat(otherSubject.path("id").asInt()).isEqualTo(1);
    assertThat(otherSchema.path("id").asInt()).isEqualTo(2);
    assertThat(get("/subjects/feedback.raw.chat-value/versions").body()).isEqualTo("[1,2]");
    assertThat(get("/subjects").body()).isEqualTo("[\"feedback.raw.chat-value\",\"chat-copy-value\"]");
  }

  @Test
  void schemaByIdAnswersTheSchemaOr404() throws Exception {
    int id = registry.register("feedback.raw.email-value", EmailFeedback.getClassSchema());

    HttpResponse<String> found = get("/schemas/ids/" + id);
    HttpResponse<String> missing = get("/schemas/ids/77");

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(new Schema.Parser().parse(json.readTree(found.body()).path("schema").asText()))
        .isEqualTo(EmailFeedback.getClassSchema());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json.readTree(missing.body()).path("error_code").asInt()).isEqualTo(40403);
  }

  @Test
  void lookupFindsTheVersionOfASchemaUnderASubject() throws Exception {
    registry.register("s-value", ChatFeedback.getClassSchema());
    registry.register("s-value", AppReview.getClassSchema());

    JsonNode found = post("/subjects/s-value", AppReview.getClassSchema());
    HttpResponse<String> unknownSchema = postRaw("/subjects/s-value", EmailFeedback.getClassSchema());
    HttpResponse<String> unknownSubject = postRaw("/subjects/nope-value", AppReview.getClassSchema());

    assertThat(found.path("subject").asText()).isEqualTo("s-value");
    assertThat(found.path("version").asInt()).isEqualTo(2);
    assertThat(found.path("id").asInt()).isEqualTo(2);
    assertThat(json.readTree(unknownSchema.body()).path("error_code").asInt()).isEqualTo(40403);
    assertThat(json.readTree(unknownSubject.body()).path("error_code").asInt()).isEqualTo(40401);
  }

  @Test
  void latestVersionOfASubject() throws Exception {
    registry.register("s-value", ChatFeedback.getClassSchema());
    registry.register("s-value", AppReview.getClassSchema());

    JsonNode latest = json.readTree(get("/subjects/s-value/versions/latest").body());
    HttpResponse<String> noSuchVersion = get("/subjects/s-value/versions/3");

    assertThat(latest.path("version").asInt()).isEqualTo(2);
    assertThat(latest.path("schema").asText()).isEqualTo(AppReview.getClassSchema().toString());
    assertThat(json.readTree(noSuchVersion.body()).path("error_code").asInt()).isEqualTo(40402);
  }

  @Test
  void rejectsASchemaThatIsNotAvro() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/x/versions"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"recrod\\\"}\"}")).build());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(json.readTree(response.body()).path("error_code").asInt()).isEqualTo(42201);
  }

  @Test
  void concurrentRegistrationsGiveEachSchemaExactlyOneId() throws Exception {
    List<Schema> schemas = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      schemas.add(SchemaBuilder.record("R" + i).fields().requiredString("f" + i).endRecord());
    }
    Map<String, Set<Integer>> idsBySchema = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int worker = 0; worker < 8; worker++) {
        int subject = worker % 3;
        tasks.add(() -> {
          for (Schema schema : schemas) {
            int id = post("/subjects/subject-" + subject + "/versions", schema).path("id").asInt();
            idsBySchema.computeIfAbsent(schema.getName(), n -> ConcurrentHashMap.newKeySet()).add(id);
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(tasks)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Set<Integer> allIds = new HashSet<>();
    idsBySchema.values().forEach(ids -> {
      assertThat(ids).hasSize(1);
      allIds.addAll(ids);
    });
    assertThat(allIds).hasSize(20).allMatch(id -> id >= 1 && id <= 20);
    assertThat(get("/subjects/subject-0/versions").body().split(",")).hasSize(20);
  }

  @Test
  void basicAuthRegistryRefusesRequestsWithoutTheCredentials() throws Exception {
    try (InMemorySchemaRegistry secured = InMemorySchemaRegistry.startWithBasicAuth("svc", "s3cret")) {
      String good = "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes());
      String bad = "Basic " + Base64.getEncoder().encodeToString("svc:guess".getBytes());
      URI subjects = URI.create(secured.url() + "/subjects");

      assertThat(send(HttpRequest.newBuilder(subjects).build()).statusCode()).isEqualTo(401);
      assertThat(send(HttpRequest.newBuilder(subjects).header("Authorization", bad).build()).statusCode())
          .isEqualTo(401);
      assertThat(send(HttpRequest.newBuilder(subjects).header("Authorization", good).build()).statusCode())
          .isEqualTo(200);
    }
  }

  private JsonNode post(String path, Schema schema) throws Exception {
    HttpResponse<String> response = postRaw(path, schema);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> postRaw(String path, Schema schema) throws Exception {
    String body = json.createObjectNode().put("schema", schema.toString()).toString();
    return send(HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
