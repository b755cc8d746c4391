package io.feedbackpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.feedbackpulse.avro.channel.SocialPost;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfluentRegistryClientTest {

  @Test
  void registersAndFindsASchemaUnderASubjectThatNeedsEncoding() {
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      ConfluentRegistryClient client = new ConfluentRegistryClient(RegistrySettings.of(registry.url()));
      String schema = SocialPost.getClassSchema().toString();
      String subject = "social posts/v1+x";

      RegistryVersionCoordinates created = client.createSchema("AVRO", null, subject, null,
          "FIND_OR_CREATE_VERSION", false, schema, Set.of());
      var found = client.searchVersionsByContent(schema, "AVRO",
          ArtifactReference.builder().artifactId(subject).build(), false);

      assertThat(registry.subjects()).containsExactly(subject);
      assertThat(created.getContentId()).isEqualTo(1L);
      assertThat(created.getGlobalId()).isEqualTo(1L);
      assertThat(created.getVersion()).isEqualTo("1");
      assertThat(found).singleElement().satisfies(version -> assertThat(version.getContentId()).isEqualTo(1L));
      assertThat(client.getSchemaByContentId(1L)).isEqualTo(schema);
      assertThat(client.getVersionCoordinatesByGAV(null, subject, null).getArtifactId()).isEqualTo(subject);
    }
  }

  @Test
  void unknownIdIsSchemaNotFound() {
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      ConfluentRegistryClient client = new ConfluentRegistryClient(RegistrySettings.of(registry.url()));

      assertThatThrownBy(() -> client.getSchemaByContentId(12L))
          .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }
  }

  @Test
  void aWrongBaseUrlIsAConfigurationErrorNotAnUnknownSchema() {
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      registry.register("s-value", SocialPost.getClassSchema());
      ConfluentRegistryClient client = new ConfluentRegistryClient(RegistrySettings.of(registry.url() + "/apis/v3"));

      assertThatThrownBy(() -> client.getSchemaByContentId(1L))
          .isInstanceOfSatisfying(RegistryRequestException.class, e -> assertThat(e.status()).isEqualTo(404))
          .hasMessageContaining("a Confluent REST API?");
    }
  }

  @Test
  void contentSearchOfAnUnregisteredSchemaFindsNothing() {
    try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      ConfluentRegistryClient client = new ConfluentRegistryClient(RegistrySettings.of(registry.url()));

      assertThat(client.searchVersionsByContent(SocialPost.getClassSchema().toString(), "AVRO",
          ArtifactReference.builder().artifactId("feedback.raw.social-value").build(), false)).isEmpty();
    }
  }

  @Test
  void refusedConnectionIsRegistryUnavailable() {
    String url;
    try (InMemorySchemaRegistry stopped = InMemorySchemaRegistry.start()) {
      url = stopped.url();
    }
    ConfluentRegistryClient client = new ConfluentRegistryClient(RegistrySettings.of(url));

    assertThatThrownBy(() -> client.getSchemaByContentId(1L)).isInstanceOf(RegistryUnavailableException.class);
  }

  @Test
  void serverErrorIsRegistryUnavailable() throws Exception {
    HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    failing.createContext("/", exchange -> {
      byte[] body = "{\"error_code\":50003,\"message\":\"Error while forwarding the request to the leader\"}".getBytes();
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    failing.start();
    try {
      String url = "http://" + failing.getAddress().getAddress().getHostAddress() + ":" + failing.getAddress().getPort();
      ConfluentRegistryClient client = new ConfluentRegistryClient(RegistrySettings.of(url));

      assertThatThrownBy(() -> client.getSchemaByContentId(1L))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("503")
          .hasMessageContaining("forwarding the request");
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void settingsHideThePassword() {
    RegistrySettings settings = RegistrySettings.of("http://registry:8081/").withBasicAuth("svc", "s3cret");

    assertThat(settings.url()).isEqualTo("http://registry:8081");
    assertThat(settings.toString()).doesNotContain("s3cret");
    assertThat(settings.authorizationHeader()).contains("Basic c3ZjOnMzY3JldA==");
  }
}
