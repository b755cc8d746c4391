package io.feedbackpulse.topology;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/** Renders a topology's description as a Mermaid flowchart: topics, processors and state stores. */
public final class TopologyDiagram {
  private TopologyDiagram() {}

  public static String mermaid(TopologyDescription description) {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    Set<String> topics = new TreeSet<>();
    Set<String> stores = new TreeSet<>();
    Set<String> edges = new LinkedHashSet<>();
    description.subtopologies().stream().sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
        .forEach(sub -> {
          b.append("  subgraph sub").append(sub.id()).append("[\"sub-topology ").append(sub.id()).append("\"]\n");
          sub.nodes().stream().sorted(Comparator.comparing(TopologyDescription.Node::name)).forEach(node -> {
            b.append("    ").append(id(node.name())).append("[\"").append(node.name()).append("\"]\n");
            node.successors().stream().sorted(Comparator.comparing(TopologyDescription.Node::name))
                .forEach(next -> edges.add(id(node.name()) + " --> " + id(next.name())));
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
              source.topicSet().stream().sorted().forEach(t -> {
                topics.add(t);
                edges.add(topicId(t) + " --> " + id(node.name()));
              });
            }
            if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
              topics.add(sink.topic());
              edges.add(id(node.name()) + " --> " + topicId(sink.topic()));
            }
            if (node instanceof TopologyDescription.Processor processor) {
              processor.stores().stream().sorted().forEach(store -> {
                stores.add(store);
                edges.add(id(node.name()) + " -.- " + storeId(store));
              });
            }
          });
          b.append("  end\n");
        });
    topics.forEach(t -> b.append("  ").append(topicId(t)).append("[/\"").append(t).append("\"/]\n"));
    stores.forEach(s -> b.append("  ").append(storeId(s)).append("[(\"").append(s).append("\")]\n"));
    edges.forEach(e -> b.append("  ").append(e).append('\n'));
    return b.toString();
  }

  private static String id(String name) {
    return "n_" + name.replaceAll("[^A-Za-z0-9]", "_");
  }

  private static String topicId(String topic) {
    return "t_" + topic.replaceAll("[^A-Za-z0-9]", "_");
  }

  private static String storeId(String store) {
    return "s_" + store.replaceAll("[^A-Za-z0-9]", "_");
  }
}
