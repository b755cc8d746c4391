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
import org.slf4j.LoggerFactory;

/**
 * The {@code log.format} setting: {@code text} (a pattern line) or {@code json} (Logback's JsonEncoder, one
 * object a line). logback.xml picks the appender of that name from the {@value #PROPERTY} property.
 */
public final class LogFormat {
  public static final String KEY = "log.format";
  public static final String PROPERTY = "feedbackpulse.log.format";
  private static final String TEXT = "text";

  private LogFormat() {}

  /** Before anything logs: the format the environment asks for, so that even the first lines have it. */
  public static void selectFromEnvironment(Map<String, String> env) {
    String format = env.get(Settings.envName(KEY));
    if (format != null) {
      System.setProperty(PROPERTY, validated(format));
    }
  }

  /** After the settings are resolved (a file or {@code --set} may name another format): switches to it. */
  public static void use(String format) {
    String wanted = validated(format);
    if (wanted.equals(System.getProperty(PROPERTY, TEXT))) {
      return;
    }
    System.setProperty(PROPERTY, wanted);
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

  private static String validated(String format) {
    String normalized = format.trim().toLowerCase(Locale.ROOT);
    if (!normalized.equals(TEXT) && !normalized.equals("json")) {
      throw new SettingsException(KEY + " must be text or json, got '" + format + "'");
    }
    return normalized;
  }
}
