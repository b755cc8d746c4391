package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.App;
import io.feedbackpulse.avro.ScoredFeedback;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.registry.AvroSerdes;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import io.feedbackpulse.registry.RegistrySettings;
import io.feedbackpulse.registry.SubjectNameStrategy;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class RegisterSchemasCommandTest {
  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersEveryOutputAndChannelSubjectAndPrintsTheirIds() {
    int exit = registerSchemas("--set", "topic.scored=prod.scored");

    List<String> expected = List.of("prod.scored-value", "support.alerts-value", "feedback.dead-letter-value",
        "sentiment.distribution-value", "sentiment.drift-value", "feedback.labelled-value", "model.quality-value",
        "feedback.review-value", "support.cases-value", "model.registry-value", "model.comparison-value",
        "model.refusals-value", "pipeline.runs-value", "feedback-pulse-by-customer-repartition-value",
        "feedback.raw.email-value", "feedback.raw.chat-value", "feedback.raw.app-value", "feedback.raw.social-value",
        "feedback.labels-value");
    assertThat(exit).isZero();
    assertThat(registry.subjects()).containsExactlyElementsOf(expected);
    assertThat(out.toString().lines()).containsExactly(
        "prod.scored-value -> 1", "support.alerts-value -> 2", "feedback.dead-letter-value -> 3",
        "sentiment.distribution-value -> 4", "sentiment.drift-value -> 5", "feedback.labelled-value -> 6",
        "model.quality-value -> 7", "feedback.review-value -> 8", "support.cases-value -> 9",
        "model.registry-value -> 10", "model.comparison-value -> 11", "model.refusals-value -> 12",
        "pipeline.runs-value -> 13", "feedback-pulse-by-customer-repartition-value -> 1",
        "feedback.raw.email-value -> 14", "feedback.raw.chat-value -> 15", "feedback.raw.app-value -> 16",
        "feedback.raw.social-value -> 17", "feedback.labels-value -> 18");
  }

  @Test
  void registeringTwiceAnswersTheSameIds() {
    registerSchemas();
    String first = out.toString();
    out.getBuffer().setLength(0);

    registerSchemas();

    assertThat(out.toString()).isEqualTo(first);
    assertThat(registry.subjects()).hasSize(19);
  }

  @ParameterizedTest
  @CsvSource({
      "topic, TOPIC_NAME, feedback.dead-letter-value",
      "record, RECORD_NAME, io.feedbackpulse.avro.DeadLetter",
      "topic-record, TOPIC_RECORD_NAME, feedback.dead-letter-io.feedbackpulse.avro.DeadLetter"})
  void aServiceThatMayNotRegisterFindsWhatTheCommandRegistered(String setting, SubjectNameStrategy strategy,
      String subject) {
    registerSchemas("--set", "schema.registry.subject-name-strategy=" + setting);
    var serializer = new AvroSerdes(RegistrySettings.of(registry.url()).withAutoRegister(false)
        .withSubjectNameStrategy(strategy)).specific(DeadLetter.class, false).serializer();

    byte[] framed = serializer.serialize("feedback.dead-letter", deadLetter());

    int id = ByteBuffer.wrap(framed, 1, 4).getInt();
    // The internal by-customer topic carries ScoredFeedback: under the record strategy it shares that subject.
    assertThat(registry.subjects()).contains(subject).hasSize(strategy == SubjectNameStrategy.RECORD_NAME ? 18 : 19);
    assertThat(out.toString().lines()).contains(subject + " -> " + id);
  }

  @Test
  void aChannelWithoutABundledSchemaIsSkippedAndSaidSo() {
    int exit = registerSchemas("--set", "channels=chat,survey", "--set", "topic.survey=feedback.raw.survey",
        "--set", "channel.survey.record=com.example.SurveyAnswer", "--set", "channel.survey.id-field=id",
        "--set", "channel.survey.text-field=comment");

    assertThat(exit).isZero();
    assertThat(registry.subjects()).contains("feedback.raw.chat-value").doesNotContain("feedback.raw.survey-value");
    assertThat(err.toString()).contains("skipped channel survey: its record com.example.SurveyAnswer");
  }

  @Test
  void printGivesEachSubjectsSelfContainedSchemaAndRegistersNothing() throws Exception {
    int exit = registerSchemas("--print");

    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(exit).isZero();
    assertThat(registry.subjects()).isEmpty();
    assertThat(lines).hasSize(19);
    JsonNode scored = lines.get(0);
    assertThat(scored.path("subject").asText()).isEqualTo("feedback.scored-value");
    assertThat(new Schema.Parser().parse(scored.path("schema").asText())).isEqualTo(ScoredFeedback.getClassSchema());
  }

  @ParameterizedTest
  @CsvSource({"feedback.raw.email-value, EmailFeedback.avsc", "feedback.raw.chat-value, ChatFeedback.avsc",
      "feedback.raw.app-value, AppReview.avsc", "feedback.raw.social-value, SocialPost.avsc"})
  void aChannelSchemaRegisteredFromItsFileIsTheSameVersion(String subject, String file) throws Exception {
    registerSchemas();
    String registered = out.toString().lines().filter(l -> l.startsWith(subject + " -> ")).findFirst().orElseThrow();

    String body = new ObjectMapper().createObjectNode()
        .put("schema", Files.readString(Path.of("schemas", file))).toString();
    HttpResponse<String> fromFile = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(fromFile.statusCode()).isEqualTo(200);
    assertThat(subject + " -> " + new ObjectMapper().readTree(fromFile.body()).path("id").asInt()).isEqualTo(registered);
  }

  @Test
  void printOpensNoTruststore() {
    int exit = registerSchemas("--print", "--set", "schema.registry.ssl.truststore.location=/nonexistent/trust.p12");

    assertThat(exit).as("stderr: %s", err).isZero();
    assertThat(out.toString().lines()).hasSize(19);
  }

  private int registerSchemas(String... settings) {
    CommandLine cli = App.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] args = new String[settings.length + 3];
    args[0] = "register-schemas";
    args[1] = "--set";
    args[2] = "schema.registry.url=" + registry.url();
    System.arraycopy(settings, 0, args, 3, settings.length);
    return cli.execute(args);
  }

  private static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason("invalid_json")
        .setDetail("unexpected end of input")
        .setSourceTopic("feedback.raw.chat")
        .setPartition(0)
        .setOffset(7L)
        .setRecordTimestamp(Instant.ofEpochMilli(1_717_400_000_000L))
        .setFailedAt(Instant.ofEpochMilli(1_717_400_000_500L))
        .setChannel("chat")
        .setOriginalKey(null)
        .setOriginalValue(ByteBuffer.wrap(new byte[] {'{'}))
        .build();
  }
}
