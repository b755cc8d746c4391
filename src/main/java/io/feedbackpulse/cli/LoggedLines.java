package io.feedbackpulse.cli;

import java.io.Writer;
import org.slf4j.Logger;

/**
 * A writer whose every line is logged at INFO, so that a command run inside the service (the watch of
 * {@code pipeline.enabled}) logs as the service does, {@code log.format=json} included. A line is logged when its
 * newline comes, and one left without a newline when the writer closes.
 */
final class LoggedLines extends Writer {
  private final Logger log;
  private final StringBuilder line = new StringBuilder();

  LoggedLines(Logger log) {
    this.log = log;
  }

  @Override
  public synchronized void write(char[] text, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      char c = text[i];
      if (c == '\n') {
        emit();
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void emit() {
    if (!line.isEmpty()) {
      log.info(line.toString());
    }
    line.setLength(0);
  }

  @Override
  public void flush() {
    // lines are logged as their newlines come
  }

  @Override
  public synchronized void close() {
    emit();
  }
}
