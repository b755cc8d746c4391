package io.feedbackpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.avro.SupportAlert;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistrationTest {
  private static final Schema SCHEMA = SupportAlert.getClassSchema();
  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start();
  private final RegistryRetry fourQuickTries = new RegistryRetry(4, Duration.ofMillis(10));

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aRegistryAnswering503IsTriedAgainUntilItAnswers() throws Exception {
    try (FlakyRegistryFront front = FlakyRegistryFront.failingWith(503, 2, registry.url())) {
      long id = new SchemaRegistration(RegistrySettings.of(front.url()), fourQuickTries)
          .register("support.alerts-value", SCHEMA);

      assertThat(id).isEqualTo(1);
      assertThat(registry.subjects()).containsExactly("support.alerts-value");
      assertThat(front.requests()).isEqualTo(2 + 2); // two failures, then register and look up
    }
  }

  @Test
  void aRegistryThatDoesNotAnswerInTimeIsTriedAgain() throws Exception {
    try (FlakyRegistryFront front = FlakyRegistryFront.slowFor(Duration.ofSeconds(2), 1, registry.url())) {
      RegistrySettings impatient = RegistrySettings.of(front.url()).withRequestTimeout(Duration.ofMillis(300));

      long id = new SchemaRegistration(impatient, fourQuickTries).register("support.alerts-value", SCHEMA);

      assertThat(id).isEqualTo(1);
      assertThat(registry.subjects()).containsExactly("support.alerts-value");
    }
  }

  @Test
  void givesUpAfterTheLastAttempt() throws Exception {
    try (FlakyRegistryFront front = FlakyRegistryFront.failingWith(500, 100, registry.url())) {
      SchemaRegistration registration = new SchemaRegistration(RegistrySettings.of(front.url()), fourQuickTries);

      assertThatThrownBy(() -> registration.register("support.alerts-value", SCHEMA))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining("gave up after 4 attempts")
          .hasMessageContaining("500");
      assertThat(front.requests()).isEqualTo(4);
      assertThat(registry.subjects()).isEmpty();
    }
  }

  @Test
  void aRequestTheRegistryRejectsIsNotRepeated() throws Exception {
    try (FlakyRegistryFront front = FlakyRegistryFront.failingWith(401, 100, registry.url())) {
      SchemaRegistration registration = new SchemaRegistration(RegistrySettings.of(front.url()), fourQuickTries);

      assertThatThrownBy(() -> registration.register("support.alerts-value", SCHEMA))
          .isInstanceOf(RegistryRequestException.class);
      assertThat(front.requests()).isEqualTo(1);
    }
  }
}
