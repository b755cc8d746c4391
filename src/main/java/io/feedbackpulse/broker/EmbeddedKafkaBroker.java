package io.feedbackpulse.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller combined) inside this JVM,
 * listening on 127.0.0.1. It can be stopped and started again on the same data directory and
 * ports, so clients reconnect to the same address and find their data.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int PORT_ATTEMPTS = 3;

  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final KraftStorage storage;
  private final int port;
  private final Map<String, String> serverProperties;
  private String clusterId;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(Path dataDir, boolean deleteDataDirOnClose, int port, int controllerPort,
      Map<String, String> overrides) {
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.storage = new KraftStorage(dataDir);
    this.port = port;
    this.serverProperties = new LinkedHashMap<>(BrokerProperties.singleNode(storage.logDir(), port, controllerPort));
    this.serverProperties.putAll(overrides);
  }

  /** Starts a broker on ephemeral ports that keeps its data in {@code dataDir} (formatted on first use). */
  public static EmbeddedKafkaBroker start(Path dataDir) {
    return builder().dataDir(dataDir).start();
  }

  /** Starts a broker on ephemeral ports with a temporary data directory that {@link #close()} deletes. */
  public static EmbeddedKafkaBroker startTemporary() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:PORT}, the same across {@link #stop()} and {@link #restart()}. */
  public String bootstrapServers() {
    return BrokerProperties.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized String clusterId() {
    return clusterId;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Shuts the node down cleanly and keeps its data; {@link #restart()} brings it back. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long began = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
    LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers(), elapsedMillis(began));
  }

  /** Stops the node if it runs, then starts it again on the same data directory and ports. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("The broker is closed");
    }
    stop();
    startServer();
  }

  /** Stops the node and deletes the data directory if it was a temporary one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      if (deleteDataDirOnClose) {
        deleteDataDir();
      }
    }
  }

  private void startServer() {
    long began = System.nanoTime();
    clusterId = storage.prepare(serverProperties);
    KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(serverProperties, false), Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException | Error e) {
      shutDownQuietly(starting);
      throw e;
    }
    server = starting;
    LOG.info("Kafka broker started at {} in {} ms (cluster {}, data in {})",
        bootstrapServers(), elapsedMillis(began), clusterId, dataDir);
  }

  private static void shutDownQuietly(KafkaRaftServer failed) {
    try {
      failed.shutdown();
      failed.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.debug("Shutting down a broker that failed to start failed too", e);
    }
  }

  private void deleteDataDir() {
    try {
      Utils.delete(dataDir.toFile());
    } catch (IOException e) {
      LOG.warn("Could not delete the broker's data directory {}", dataDir, e);
    }
  }

  private static long elapsedMillis(long beganNanos) {
    return (System.nanoTime() - beganNanos) / 1_000_000;
  }

  private static boolean isBindFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** Where the node keeps its data, which ports it listens on, and extra server properties. */
  public static final class Builder {

    private Path dataDir;
    private int port;
    private int controllerPort;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {
    }

    /** Keeps the data here (kept on close). Without it, a temporary directory is deleted on close. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** The client port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = requireValidPort(port);
      return this;
    }

    /** The KRaft controller port; 0 (the default) picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = requireValidPort(controllerPort);
      return this;
    }

    /** Any Kafka server property, applied over the single-node defaults. */
    public Builder property(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    public EmbeddedKafkaBroker start() {
      boolean temporary = dataDir == null;
      Path dir = temporary ? createTempDir() : dataDir;
      boolean portsPicked = port == 0 || controllerPort == 0;
      for (int attempt = 1; ; attempt++) {
        int clientPort = port == 0 ? FreePort.pick() : port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, temporary, clientPort,
            controllerPort == 0 ? otherFreePort(clientPort) : controllerPort, overrides);
        try {
          broker.startServer();
          return broker;
        } catch (RuntimeException e) {
          // A port found free a moment ago can be taken by someone else before the broker binds it.
          boolean retry = portsPicked && attempt < PORT_ATTEMPTS && isBindFailure(e);
          if (!retry) {
            broker.close();
            throw e;
          }
          LOG.debug("Port taken while starting the broker; trying other ports", e);
        }
      }
    }

    /** Two picks in a row can return the same port (the first was closed again), and one listener can't share it. */
    private static int otherFreePort(int taken) {
      int picked = FreePort.pick();
      while (picked == taken) {
        picked = FreePort.pick();
      }
      return picked;
    }

    private static int requireValidPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Not a TCP port: " + port);
      }
      return port;
    }

    private static Path createTempDir() {
      try {
        return Files.createTempDirectory("feedback-pulse-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary directory for the broker", e);
      }
    }
  }
}
