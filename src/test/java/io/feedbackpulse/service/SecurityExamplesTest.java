package io.feedbackpulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedbackpulse.config.Settings;
import io.feedbackpulse.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The example settings files of docs/security.md reach the Kafka clients and the registry client. */
class SecurityExamplesTest {

  @Test
  void saslSslExampleReachesStreamsItsInnerClientsAndTheAdminClient() {
    Settings settings = Settings.builder().file(Path.of("config/examples/sasl-ssl.properties")).build();

    Properties streams = StreamsProperties.from(settings);
    StreamsConfig config = new StreamsConfig(streams);
    Properties admin = StreamsProperties.clientProperties(settings);

    Map<String, Object> security = Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512",
        "ssl.truststore.location", "/etc/feedback-pulse/kafka-truststore.p12",
        "ssl.truststore.type", "PKCS12");
    assertThat(config.getMainConsumerConfigs("g", "c", 0)).containsAllEntriesOf(security);
    assertThat(config.getProducerConfigs("c")).containsAllEntriesOf(security);
    assertThat(config.getAdminConfigs("c")).containsAllEntriesOf(security);
    assertThat(new AdminClientConfig(admin).originals()).containsAllEntriesOf(security)
        .containsEntry("bootstrap.servers", "kafka-1.example.com:9093,kafka-2.example.com:9093,kafka-3.example.com:9093");
    assertThat(streams.getProperty("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required");
    assertThat(admin.getProperty("sasl.jaas.config")).isEqualTo(streams.getProperty("sasl.jaas.config"));
  }

  @Test
  void secretsFromTheEnvironmentWinOverTheExampleFile() {
    Settings settings = Settings.builder().file(Path.of("config/examples/sasl-ssl.properties"))
        .environment(Map.of("FEEDBACK_PULSE_KAFKA_SASL_JAAS_CONFIG", "from-env",
            "FEEDBACK_PULSE_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD", "registry-secret"))
        .build();

    assertThat(StreamsProperties.clientProperties(settings).getProperty("sasl.jaas.config")).isEqualTo("from-env");
    assertThat(RegistrySettings.from(settings).tls().truststorePassword()).isEqualTo("registry-secret");
  }

  @Test
  void saslSslExampleConfiguresTheRegistryClient() {
    Settings settings = Settings.builder().file(Path.of("config/examples/sasl-ssl.properties")).build();

    RegistrySettings registry = RegistrySettings.from(settings);

    assertThat(registry.url()).isEqualTo("https://registry.example.com/apis/ccompat/v7");
    assertThat(registry.authorizationHeader()).isPresent();
    assertThat(registry.autoRegister()).isFalse();
    assertThat(registry.tls().truststore()).isEqualTo(Path.of("/etc/feedback-pulse/registry-truststore.p12"));
    assertThat(registry.tls().keystore()).isNull();
  }

  @Test
  void mutualTlsExampleGivesKafkaAndTheRegistryTheClientKey() {
    Settings settings = Settings.builder().file(Path.of("config/examples/mtls.properties")).build();

    StreamsConfig config = new StreamsConfig(StreamsProperties.from(settings));
    Properties admin = StreamsProperties.clientProperties(settings);
    RegistrySettings registry = RegistrySettings.from(settings);

    assertThat(config.getProducerConfigs("c")).containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.location", "/etc/feedback-pulse/feedback-pulse.p12");
    assertThat(admin).containsEntry("ssl.keystore.location", "/etc/feedback-pulse/feedback-pulse.p12")
        .containsEntry("ssl.key.password", "change-me");
    assertThat(registry.tls().keystore()).isEqualTo(Path.of("/etc/feedback-pulse/feedback-pulse.p12"));
    assertThat(registry.tls().keyPassword()).isEqualTo("change-me");
  }
}
