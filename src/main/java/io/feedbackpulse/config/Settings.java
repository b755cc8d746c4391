package io.feedbackpulse.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The service's settings: defaults, then a properties file, then {@code FEEDBACK_PULSE_*}
 * environment variables, then command-line overrides. Keys under {@code kafka.} pass through to the
 * Kafka clients and Streams; other keys must be known.
 */
public final class Settings {
  public static final String ENV_PREFIX = "FEEDBACK_PULSE_";
  public static final String KAFKA_PREFIX = "kafka.";
  private static final String DEFAULTS = "/feedback-pulse-defaults.properties";
  private static final Map<String, String> DEFAULT_VALUES = Collections.unmodifiableMap(load(DEFAULTS));
  /** The mistyped variables already named: a command that resolves its settings twice warns once. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Defaults only. */
  public static Settings defaults() {
    return new Builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Layers settings in order of precedence. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> known;

    private Builder() {
      values.putAll(DEFAULT_VALUES);
      known = Set.copyOf(values.keySet());
    }

    public Builder file(Path file) {
      Properties p = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(reader);
      } catch (NoSuchFileException e) {
        throw new SettingsException("there is no settings file " + file);
      } catch (IOException e) {
        throw new SettingsException("cannot read settings file " + file + ": " + e);
      }
      p.stringPropertyNames().forEach(k -> put(k, p.getProperty(k).trim(), "settings file " + file));
      return this;
    }

    /**
     * {@code FEEDBACK_PULSE_<KEY>} for each known key and {@code FEEDBACK_PULSE_KAFKA_*}; any other
     * {@code FEEDBACK_PULSE_*} variable is most likely mistyped, so it is named in a WARN line (once a process).
     */
    public Builder environment(Map<String, String> env) {
      Map<String, String> keyByName = new TreeMap<>();
      known.forEach(key -> keyByName.put(envName(key), key));
      String kafkaEnv = ENV_PREFIX + "KAFKA_";
      new TreeMap<>(env).forEach((name, value) -> {
        if (name.startsWith(kafkaEnv)) {
          values.put(KAFKA_PREFIX + name.substring(kafkaEnv.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
              value.trim());
        } else if (keyByName.containsKey(name)) {
          values.put(keyByName.get(name), value.trim());
        } else if (name.startsWith(ENV_PREFIX) && WARNED.add(name)) {
          // The logger is got here, not in a static field: LogFormat reads this class before logging may start.
          LoggerFactory.getLogger(Settings.class).warn("Environment variable {} names no setting and is ignored{}", name,
              closest(name, keyByName.keySet()).map(n -> " (did you mean " + n + "?)").orElse(""));
        }
      });
      return this;
    }

    public Builder set(String key, String value) {
      put(key, value, "command line");
      return this;
    }

    /** Adds keys that only make sense with some configuration, such as a new channel's topic. */
    private void put(String key, String value, String origin) {
      if (!key.startsWith(KAFKA_PREFIX) && !known.contains(key) && !key.startsWith("topic.")
          && !key.startsWith("channel.")) {
        throw new SettingsException("unknown setting '" + key + "' in " + origin
            + " (Kafka client and Streams properties go under kafka.)");
      }
      values.put(key, value);
    }

    /**
     * The settings, each known key checked against the kind of value its default has (a whole number, a number,
     * true or false, an ISO-8601 duration), so that a malformed value stops a command before anything starts
     * rather than when the part that reads it is built.
     */
    public Settings build() {
      Settings settings = new Settings(values);
      for (String key : known) {
        String example = DEFAULT_VALUES.get(key);
        if (example.matches("-?\\d+")) {
          settings.integer(key);
        } else if (example.matches("-?\\d*\\.\\d+")) {
          settings.decimal(key);
        } else if (example.equals("true") || example.equals("false")) {
          settings.bool(key);
        } else if (example.startsWith("PT")) {
          settings.duration(key);
        }
      }
      return settings;
    }
  }

  /** The known name nearest to {@code name}, if it is a few typing mistakes away. */
  private static Optional<String> closest(String name, Set<String> names) {
    return names.stream().min(Comparator.comparingInt(n -> distance(name, n)))
        .filter(n -> distance(name, n) <= 3);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }

  /** The environment variable that overrides a key: model.dir -> FEEDBACK_PULSE_MODEL_DIR. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new SettingsException("missing setting '" + key + "'");
    }
    return value;
  }

  public Optional<String> optional(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
  }

  public int integer(String key) {
    try {
      return Integer.parseInt(string(key));
    } catch (NumberFormatException e) {
      throw new SettingsException(key + " must be a whole number, got '" + string(key) + "'");
    }
  }

  /** A whole number that may exceed an int: byte counts. */
  public long wholeNumber(String key) {
    try {
      return Long.parseLong(string(key));
    } catch (NumberFormatException e) {
      throw new SettingsException(key + " must be a whole number, got '" + string(key) + "'");
    }
  }

  public double decimal(String key) {
    try {
      return Double.parseDouble(string(key));
    } catch (NumberFormatException e) {
      throw new SettingsException(key + " must be a number, got '" + string(key) + "'");
    }
  }

  public boolean bool(String key) {
    String v = string(key).toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new SettingsException(key + " must be true or false, got '" + string(key) + "'");
    }
    return Boolean.parseBoolean(v);
  }

  public Duration duration(String key) {
    try {
      return Duration.parse(string(key));
    } catch (DateTimeParseException e) {
      throw new SettingsException(key + " must be an ISO-8601 duration such as PT5M, got '" + string(key) + "'");
    }
  }

  public List<String> list(String key) {
    return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The pass-through Kafka properties, without their prefix. */
  public Map<String, String> kafka() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(KAFKA_PREFIX)) {
        out.put(k.substring(KAFKA_PREFIX.length()), v);
      }
    });
    return out;
  }

  public Map<String, String> asMap() {
    return values;
  }

  public Settings with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new Settings(copy);
  }

  private static Map<String, String> load(String resource) {
    Properties p = new Properties();
    try (InputStream in = Settings.class.getResourceAsStream(resource)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing " + resource, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
    return out;
  }
}
