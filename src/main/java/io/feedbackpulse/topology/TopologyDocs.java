package io.feedbackpulse.topology;

import org.apache.kafka.streams.Topology;

/** The text of {@code topology-docs/topology.md}: the topology's description and its diagram. */
public final class TopologyDocs {
  public static final String FILE = "topology-docs/topology.md";

  private TopologyDocs() {}

  public static String markdown(Topology topology) {
    return "# feedback-pulse topology\n\n"
        + "Generated from the code by `java -jar target/feedback-pulse.jar describe --write` with the default "
        + "settings; `TopologyDocsTest` fails when this file and the code drift apart.\n\n"
        + "## Diagram\n\n```mermaid\n" + TopologyDiagram.mermaid(topology.describe()) + "```\n\n"
        + "## Topology#describe()\n\n```\n" + topology.describe().toString().strip() + "\n```\n";
  }
}
