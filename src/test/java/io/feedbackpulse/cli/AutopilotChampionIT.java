package io.feedbackpulse.cli;

import static io.feedbackpulse.testing.Cli.modelStages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker and schema registry, as {@code demo --autopilot} does before its watch starts: the served model
 * (the built-in default) is registered under the version its config.json names and promoted, so that {@code models
 * list} shows it as the only champion; seeding again, as a demo restarted on the same broker does, leaves it alone.
 */
class AutopilotChampionIT {
  @TempDir
  Path dir;

  @Test
  void theServedModelBecomesTheChampionOnceAndIsLeftAloneAfter() throws Exception {
    String served = new ObjectMapper().readTree(getClass().getResource("/models/default/config.json"))
        .path("feedback_pulse").path("version").asText();
    assertThat(served).isNotBlank();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.start()) {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("bootstrap.servers", broker.bootstrapServers());
      settings.put("schema.registry.url", registry.url());
      settings.put("schema.registry.auto-register", "true");
      settings.put("models.cache-dir", dir.resolve("fetched").toString());
      DemoCommands commands = new DemoCommands(settings, Optional.empty());
      List<String> cluster = List.of(commands.args());

      String first = AutopilotChampion.seed(commands, build(settings), served);

      assertThat(first).isEqualTo("autopilot: registered the served model classpath:/models/default as " + served
          + " and promoted it, so the first run is measured against it and canaried beside it");
      assertThat(modelStages(cluster)).containsExactly(served + " champion");

      String again = AutopilotChampion.seed(commands, build(settings), served);

      assertThat(again).isEqualTo("autopilot: the registry's champion is " + served
          + " already; left as it is, the first run is canaried against it");
      assertThat(modelStages(cluster)).containsExactly(served + " champion");
    }
  }

  private static Settings build(Map<String, String> settings) {
    Settings.Builder b = Settings.builder();
    settings.forEach(b::set);
    return b.build();
  }
}
