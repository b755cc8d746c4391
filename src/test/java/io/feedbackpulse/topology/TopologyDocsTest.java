package io.feedbackpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** topology-docs/ is generated from the code; this fails when they drift apart. */
class TopologyDocsTest {
  @Test
  void committedDocsMatchTheTopologyTheCodeBuilds() throws IOException {
    try (TopologyFixture f = new TopologyFixture(Map.of())) {
      String expected = TopologyDocs.markdown(f.pipeline.topology());
      Path file = Path.of(TopologyDocs.FILE);
      assertThat(file).as("run: java -jar target/feedback-pulse.jar describe --write").exists();
      assertThat(Files.readString(file))
          .as("topology-docs/topology.md is stale; regenerate it with: java -jar target/feedback-pulse.jar describe --write")
          .isEqualTo(expected);
    }
  }

  @Test
  void processorsStoresAndTopicsAreNamed() {
    try (TopologyFixture f = new TopologyFixture(Map.of())) {
      String description = f.pipeline.topology().describe().toString();
      assertThat(description).contains("decode-normalize-validate", "tokenize-and-infer", "count-labels",
          "label-windows", "customer-contacts", "until-window-closes", "write-feedback.scored",
          "write-support.alerts-known-customer", "write-feedback.dead-letter", "write-sentiment.distribution",
          "by-feedback-id-repartition", "drop-duplicates", "seen-feedback", "one-alert-per-item",
          "read-alerts-for-cases", "key-alerts-by-case", "by-case-repartition", "open-cases", "write-support.cases");
      assertThat(description).doesNotContainPattern("KSTREAM-[A-Z]+-\\d+");
    }
  }
}
