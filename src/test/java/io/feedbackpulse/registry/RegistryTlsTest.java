package io.feedbackpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.feedbackpulse.avro.DeadLetter;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsTest {
  private static final String SCHEMA = DeadLetter.getClassSchema().toString();

  @TempDir
  static Path dir;

  @BeforeAll
  static void certificates() throws Exception {
    TestCertificates.create(dir, "registry");
    TestCertificates.create(dir, "service");
  }

  @Test
  void trustsARegistryWhoseCertificateIsInTheTruststore() throws Exception {
    try (HttpsRegistry registry = HttpsRegistry.start(false)) {
      Settings settings = settings(registry)
          .set("schema.registry.ssl.truststore.location", dir.resolve("registry-trust.p12").toString())
          .set("schema.registry.ssl.truststore.password", TestCertificates.PASSWORD)
          .build();

      assertThat(new ConfluentRegistryClient(RegistrySettings.from(settings)).getSchemaByContentId(1L))
          .isEqualTo(SCHEMA);
    }
  }

  @Test
  void refusesARegistryWhoseCertificateIsNotTrusted() throws Exception {
    try (HttpsRegistry registry = HttpsRegistry.start(false)) {
      Settings defaultTrust = settings(registry).build();

      assertThatThrownBy(() -> new ConfluentRegistryClient(RegistrySettings.from(defaultTrust))
          .getSchemaByContentId(1L))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasStackTraceContaining("SSLHandshakeException");
    }
  }

  @Test
  void presentsTheClientKeyToARegistryThatRequiresMutualTls() throws Exception {
    try (HttpsRegistry registry = HttpsRegistry.start(true)) {
      Settings.Builder trusting = settings(registry)
          .set("schema.registry.ssl.truststore.location", dir.resolve("registry-trust.p12").toString())
          .set("schema.registry.ssl.truststore.password", TestCertificates.PASSWORD);
      RegistrySettings withoutKey = RegistrySettings.from(trusting.build());
      RegistrySettings withKey = RegistrySettings.from(trusting
          .set("schema.registry.ssl.keystore.location", dir.resolve("service.p12").toString())
          .set("schema.registry.ssl.keystore.password", TestCertificates.PASSWORD)
          .build());

      assertThat(new ConfluentRegistryClient(withKey).getSchemaByContentId(1L)).isEqualTo(SCHEMA);
      assertThatThrownBy(() -> new ConfluentRegistryClient(withoutKey).getSchemaByContentId(1L))
          .isInstanceOf(RegistryUnavailableException.class);
    }
  }

  @Test
  void aWrongTruststorePasswordSaysWhichStore() {
    RegistryTls tls = RegistryTls.trusting(dir.resolve("registry-trust.p12"), "wrong", "PKCS12");

    assertThatThrownBy(tls::sslContext)
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("schema.registry.ssl.truststore.location: cannot read")
        .hasMessageContaining("registry-trust.p12");
    assertThat(tls.toString()).doesNotContain("wrong");
  }

  @Test
  void aMissingTruststoreIsABadSetting() {
    RegistryTls tls = RegistryTls.trusting(dir.resolve("nowhere.p12"), "secret", "PKCS12");

    assertThatThrownBy(tls::sslContext)
        .isInstanceOf(SettingsException.class)
        .hasMessage("schema.registry.ssl.truststore.location: there is no file " + dir.resolve("nowhere.p12"));
  }

  private static Settings.Builder settings(HttpsRegistry registry) {
    return Settings.builder().set("schema.registry.url", registry.url());
  }

  /** An HTTPS server with the registry's certificate that answers every request with schema id 1. */
  private static final class HttpsRegistry implements AutoCloseable {
    private final HttpsServer server;

    private HttpsRegistry(HttpsServer server) {
      this.server = server;
    }

    static HttpsRegistry start(boolean needClientAuth) throws IOException {
      SSLContext context = RegistryTls.trusting(dir.resolve("service-trust.p12"), TestCertificates.PASSWORD, "PKCS12")
          .withClientKey(dir.resolve("registry.p12"), TestCertificates.PASSWORD, "PKCS12", null)
          .sslContext();
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          var parameters = context.getDefaultSSLParameters();
          parameters.setNeedClientAuth(needClientAuth);
          params.setSSLParameters(parameters);
        }
      });
      server.createContext("/", exchange -> {
        try (exchange) {
          byte[] body = ("{\"schema\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(SCHEMA) + "}")
              .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      });
      server.start();
      return new HttpsRegistry(server);
    }

    String url() {
      return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
