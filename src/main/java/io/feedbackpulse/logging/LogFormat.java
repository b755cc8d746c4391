package io.feedbackpulse.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.feedbackpulse.config.Settings;
import io.feedbackpulse.config.SettingsException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The {@code log.format} setting: {@code text} (a pattern line) or {@code json} (Logback's JsonEncoder, one
 * object a line). logback.xml picks the appender of that name from the {@value #PROPERTY} property. And
 * {@code log.level}, the level of the service's own loggers ({@value #LEVEL_PROPERTY}); at {@code debug} a
 * command's one-line error is followed by its stack trace.
 */
public final class LogFormat {
  public static final String KEY = "log.format";
  public static final String PROPERTY = "feedbackpulse.log.format";
  public static final String LEVEL_KEY = "log.level";
  public static final String LEVEL_PROPERTY = "feedbackpulse.log.level";
  private static final String TEXT = "text";
  private static final String INFO = "info";
  private static final Set<String> LEVELS = Set.of("error", "warn", INFO, "debug", "trace");

  private LogFormat() {}

  /**
   * At the start of the process, before anything logs: the format and level the environment asks for, so that even
   * the first lines have them; and java.util.logging (the Apicurio registry client's) routed through Logback, so
   * that its lines take the same format (with log.format=json, a line of plain text would break one object a line).
   */
  public static void setUp(Map<String, String> env) {
    selectFromEnvironment(env);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  /** Before anything logs: the format the environment asks for, so that even the first lines have it. */
  public static void selectFromEnvironment(Map<String, String> env) {
    String format = env.get(Settings.envName(KEY));
    if (format != null) {
      System.setProperty(PROPERTY, validated(format));
    }
    String level = env.get(Settings.envName(LEVEL_KEY));
    if (level != null) {
      System.setProperty(LEVEL_PROPERTY, validatedLevel(level));
    }
  }

  /** After the settings are resolved (a file or {@code --set} may name another format): switches to it. */
  public static void use(String format) {
    use(format, System.getProperty(LEVEL_PROPERTY, INFO));
  }

  /** After the settings are resolved: switches to their format and level. */
  public static void use(Settings settings) {
    use(settings.string(KEY), settings.string(LEVEL_KEY));
  }

  private static void use(String format, String level) {
    String wanted = validated(format);
    String wantedLevel = validatedLevel(level);
    if (wanted.equals(System.getProperty(PROPERTY, TEXT))
        && wantedLevel.equals(System.getProperty(LEVEL_PROPERTY, INFO))) {
      return;
    }
    System.setProperty(PROPERTY, wanted);
    System.setProperty(LEVEL_PROPERTY, wantedLevel);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.reset();
      try {
        new ContextInitializer(context).autoConfig();
      } catch (JoranException e) {
        throw new IllegalStateException("cannot reconfigure logging for log.format=" + wanted, e);
      }
    }
  }

  /** Configures a logging context from a Logback configuration in the given format. */
  public static void configure(LoggerContext context, URL configuration, String format) throws JoranException {
    context.reset();
    context.putProperty(PROPERTY, validated(format));
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(configuration);
  }

  /** Whether {@code log.level} is debug or finer: errors come with their stack traces. */
  public static boolean debug() {
    String level = System.getProperty(LEVEL_PROPERTY, INFO);
    return level.equals("debug") || level.equals("trace");
  }

  private static String validatedLevel(String level) {
    String normalized = level.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normalized)) {
      throw new SettingsException(LEVEL_KEY + " must be one of error, warn, info, debug, trace, got '" + level + "'");
    }
    return normalized;
  }

  private static String validated(String format) {
    String normalized = format.trim().toLowerCase(Locale.ROOT);
    if (!normalized.equals(TEXT) && !normalized.equals("json")) {
      throw new SettingsException(KEY + " must be text or json, got '" + format + "'");
    }
    return normalized;
  }
}
