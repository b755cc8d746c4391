package io.feedbackpulse.pipeline;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline lease's assignor: every partition to one member, the one that owns them already if any, else the
 * first member by id. So a member that joins while another holds the lease gets nothing, whatever the topic's
 * partition count, and the lease moves only when its holder leaves the group or its session expires.
 */
public final class LeaseAssignor implements ConsumerPartitionAssignor {
  public static final String NAME = "feedback-pulse-lease";

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
    Map<String, Subscription> members = group.groupSubscription();
    Set<String> topics = new TreeSet<>();
    members.values().forEach(s -> topics.addAll(s.topics()));
    List<TopicPartition> all = topics.stream().flatMap(t -> metadata.partitionsForTopic(t).stream()
        .map(i -> new TopicPartition(t, i.partition()))).toList();
    String holder = members.entrySet().stream().filter(e -> !e.getValue().ownedPartitions().isEmpty())
        .max(Comparator.comparing(e -> e.getValue().generationId().orElse(-1))).map(Map.Entry::getKey)
        .orElseGet(() -> new TreeSet<>(members.keySet()).first());
    Map<String, Assignment> assignments = new LinkedHashMap<>();
    members.keySet().forEach(m -> assignments.put(m, new Assignment(m.equals(holder) ? all : List.of())));
    return new GroupAssignment(assignments);
  }

  @Override
  public List<RebalanceProtocol> supportedProtocols() {
    // cooperative: the holder keeps its partitions through the rebalance a newcomer causes, never revoked
    return List.of(RebalanceProtocol.COOPERATIVE);
  }

  @Override
  public String name() {
    return NAME;
  }
}
