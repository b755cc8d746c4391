package io.feedbackpulse.demo;

import io.feedbackpulse.broker.EmbeddedKafkaBroker;
import io.feedbackpulse.registry.InMemorySchemaRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings that point the service at an in-process broker and registry (demo and bench). */
public final class InProcessSettings {
  private InProcessSettings() {}

  public static Map<String, String> of(EmbeddedKafkaBroker broker, InMemorySchemaRegistry registry, Path stateDir,
      int partitions) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("bootstrap.servers", broker.bootstrapServers());
    s.put("schema.registry.url", registry.url());
    s.put("schema.registry.auto-register", "true");
    s.put("topics.partitions", String.valueOf(partitions));
    s.put("topics.replication-factor", "1");
    s.put("kafka.state.dir", stateDir.toString());
    return s;
  }
}
