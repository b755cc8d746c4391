package io.feedbackpulse.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage of the embedded node: its server properties file and its log directory, formatted
 * the way {@code kafka-storage.sh format} does on first use and reused as it is afterwards.
 */
final class KraftStorage {

  private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);
  private static final String META_PROPERTIES = "meta.properties";

  private final Path logDir;
  private final Path propertiesFile;

  KraftStorage(Path dataDir) {
    this.logDir = dataDir.resolve("kraft-logs");
    this.propertiesFile = dataDir.resolve("server.properties");
  }

  Path logDir() {
    return logDir;
  }

  boolean isFormatted() {
    return Files.exists(logDir.resolve(META_PROPERTIES));
  }

  /** Writes the properties file and formats the log directory unless it already is. */
  String prepare(Map<String, String> serverProperties) {
    writeProperties(serverProperties);
    if (!isFormatted()) {
      format(Uuid.randomUuid().toString());
    }
    return clusterId();
  }

  String clusterId() {
    Properties meta = new Properties();
    try (Reader reader = Files.newBufferedReader(logDir.resolve(META_PROPERTIES), StandardCharsets.UTF_8)) {
      meta.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + logDir.resolve(META_PROPERTIES), e);
    }
    return meta.getProperty("cluster.id");
  }

  private void format(String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(
          new String[] {"format", "--cluster-id", clusterId, "--config", propertiesFile.toString()}, out);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Formatting " + logDir + " failed: " + e.getMessage()
          + System.lineSeparator() + output.toString(StandardCharsets.UTF_8), e);
    }
    if (exitCode != 0) {
      throw new IllegalStateException("Formatting " + logDir + " failed (exit code " + exitCode + "): "
          + output.toString(StandardCharsets.UTF_8));
    }
    LOG.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8));
  }

  private void writeProperties(Map<String, String> serverProperties) {
    Properties properties = new Properties();
    properties.putAll(serverProperties);
    try {
      Files.createDirectories(logDir);
      try (OutputStream out = Files.newOutputStream(propertiesFile)) {
        properties.store(out, "Embedded single-node KRaft cluster of feedback-pulse (rewritten on every start)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + propertiesFile, e);
    }
  }
}
