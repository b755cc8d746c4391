package io.feedbackpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggedLinesTest {
  @Test
  void eachLineIsOneInfoEventAndALastLineWithoutNewlineIsLoggedAtClose() {
    Logger logger = (Logger) LoggerFactory.getLogger("io.feedbackpulse.pipeline.watch.test");
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    try (PrintWriter out = new PrintWriter(new LoggedLines(logger), true)) {
      out.println("starting a run: labels: 3 labels since 2026-12-07T10:00:00Z");
      out.print("train     succeeded ");
      out.print("in 12 s\r\n\n");
      out.print("not finished");
      assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
          "starting a run: labels: 3 labels since 2026-12-07T10:00:00Z", "train     succeeded in 12 s");
    } finally {
      logger.detachAppender(events);
    }
    assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).last().isEqualTo("not finished");
    assertThat(events.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
  }
}
