package io.feedbackpulse.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server properties of a single-node KRaft cluster (broker and controller in one process)
 * listening on 127.0.0.1, tuned so that exactly-once Kafka Streams works on one node.
 */
final class BrokerProperties {

  static final int NODE_ID = 1;
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";
  static final String HOST = "127.0.0.1";

  private BrokerProperties() {
  }

  static Map<String, String> singleNode(Path logDir, int port, int controllerPort) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    // A static voter set: the controller port may differ between restarts of the same data dir.
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("listeners",
        BROKER_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
    props.put("listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", logDir.toAbsolutePath().toString());

    // Topics are created on purpose (TopicProvisioner), never by a typo in a client.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");

    // Internal topics of consumer groups, transactions (exactly_once_v2) and share groups
    // must fit on one node; fewer partitions than the default 50 make them quick to create and load.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "8");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "8");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");

    props.put("group.initial.rebalance.delay.ms", "0");
    // The log cleaner allocates its dedupe buffer up front (128 MiB by default).
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    return props;
  }
}
