package io.feedbackpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LeaseAssignorTest {
  private static final Node NODE = new Node(0, "localhost", 9092);
  private static final Cluster THREE_PARTITIONS = new Cluster("c", List.of(NODE), List.of(partition(0),
      partition(1), partition(2)), Set.of(), Set.of());
  private static final List<TopicPartition> ALL = List.of(new TopicPartition("pipeline.runs", 0),
      new TopicPartition("pipeline.runs", 1), new TopicPartition("pipeline.runs", 2));

  @Test
  void theHolderKeepsEveryPartitionWhenOthersJoinWhateverTheirIds() {
    Map<String, Subscription> members = new LinkedHashMap<>();
    members.put("a-newcomer", subscription(List.of(), 0));
    members.put("z-holder", subscription(ALL, 4));
    members.put("b-newcomer", subscription(List.of(), 0));

    Map<String, Assignment> assigned = new LeaseAssignor().assign(THREE_PARTITIONS, new GroupSubscription(members))
        .groupAssignment();

    assertThat(assigned.get("z-holder").partitions()).containsExactlyElementsOf(ALL);
    assertThat(assigned.get("a-newcomer").partitions()).isEmpty();
    assertThat(assigned.get("b-newcomer").partitions()).isEmpty();
  }

  @Test
  void withNoHolderLeftOneMemberGetsEveryPartition() {
    Map<String, Subscription> members = new LinkedHashMap<>();
    members.put("m-2", subscription(List.of(), 0));
    members.put("m-1", subscription(List.of(), 0));

    Map<String, Assignment> assigned = new LeaseAssignor().assign(THREE_PARTITIONS, new GroupSubscription(members))
        .groupAssignment();

    assertThat(assigned.get("m-1").partitions()).containsExactlyElementsOf(ALL);
    assertThat(assigned.get("m-2").partitions()).isEmpty();
  }

  private static Subscription subscription(List<TopicPartition> owned, int generation) {
    return new Subscription(List.of("pipeline.runs"), ByteBuffer.allocate(0), owned, generation, Optional.empty());
  }

  private static PartitionInfo partition(int p) {
    return new PartitionInfo("pipeline.runs", p, NODE, new Node[] {NODE}, new Node[] {NODE});
  }
}
