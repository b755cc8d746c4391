package io.feedbackpulse.cli;

import io.feedbackpulse.broker.KafkaUnreachableException;
import io.feedbackpulse.broker.TopicCreationDeniedException;
import io.feedbackpulse.config.SettingsException;
import io.feedbackpulse.logging.LogFormat;
import io.feedbackpulse.models.ConflictingFiguresException;
import io.feedbackpulse.models.ModelFetchException;
import io.feedbackpulse.models.ModelRegistryException;
import io.feedbackpulse.onnx.ModelFileException;
import io.feedbackpulse.reasons.MalformedReasonCsvException;
import io.feedbackpulse.reasons.MalformedTaxonomyException;
import io.feedbackpulse.registry.RegistryUnavailableException;
import io.feedbackpulse.service.StartupCheckException;
import io.feedbackpulse.training.MalformedCsvException;
import io.feedbackpulse.web.CannotListenException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what a user can fix (a bad option or setting, a missing or malformed file, a model that does not load, a
 * cluster not set up, an unreachable registry) into one line on stderr and an {@link ExitStatus}, for every
 * command. With {@code --verbose} or {@code log.level=debug} the stack trace follows. Anything else is a bug or a
 * failure of the running service: its stack trace is always printed, with status {@link ExitStatus#FAILED}.
 */
public final class ErrorReport implements IExecutionExceptionHandler, IParameterExceptionHandler {
  public static final String VERBOSE = "--verbose";

  /** A user error: the line to print and the status to exit with. */
  record UserError(int status, String line) {}

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String line = e.getMessage();
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      line += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    print(cl, line + " (see " + cl.getCommandSpec().qualifiedName() + " --help)", e,
        verbose(List.of(args).contains(VERBOSE)));
    return cl.getCommandSpec().exitCodeOnInvalidInput();
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    boolean verbose = verbose(parsed.asCommandLineList().stream()
        .anyMatch(c -> c.getParseResult() != null && c.getParseResult().hasMatchedOption(VERBOSE)));
    Optional<UserError> user = userError(e);
    if (user.isEmpty()) {
      cl.getErr().println(cl.getColorScheme().stackTraceText(e));
      cl.getErr().flush();
      return ExitStatus.FAILED;
    }
    print(cl, user.get().line(), e, verbose);
    return user.get().status();
  }

  /** The first user error in the cause chain: a wrapper (a CompletionException, say) says nothing more. */
  static Optional<UserError> userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SettingsException) {
        return Optional.of(new UserError(ExitStatus.BAD_SETTINGS, "Bad setting: " + t.getMessage()
            + " (feedback-pulse-defaults.properties lists every key; fix it in --config, FEEDBACK_PULSE_* or --set)"));
      }
      if (t instanceof ModelFileException) {
        return Optional.of(new UserError(ExitStatus.MODEL_NOT_LOADED, "Cannot start: " + t.getMessage()));
      }
      if (t instanceof StartupCheckException) {
        return Optional.of(new UserError(ExitStatus.NOT_SET_UP, "Cannot start: " + t.getMessage()));
      }
      if (t instanceof RegistryUnavailableException) {
        return Optional.of(new UserError(ExitStatus.UNREACHABLE, "The schema registry did not answer: "
            + t.getMessage() + " (check schema.registry.url and that the registry is up)"));
      }
      if (t instanceof KafkaUnreachableException) {
        return Optional.of(new UserError(ExitStatus.UNREACHABLE, "Cannot start: " + t.getMessage()
            + " (check bootstrap.servers and that the brokers are up)"));
      }
      if (t instanceof ModelFetchException) {
        return Optional.of(new UserError(ExitStatus.MODEL_NOT_LOADED, "Cannot fetch the model: " + t.getMessage()));
      }
      if (t instanceof ModelRegistryException registry) {
        return Optional.of(new UserError(registry.unreachable() ? ExitStatus.UNREACHABLE : ExitStatus.NOT_SET_UP,
            "The model registry: " + t.getMessage()));
      }
      if (t instanceof ConflictingFiguresException) {
        return Optional.of(new UserError(ExitStatus.REFUSED, "Refused: " + t.getMessage()));
      }
      if (t instanceof CannotListenException) {
        return Optional.of(new UserError(ExitStatus.BAD_SETTINGS, "Cannot start: " + t.getMessage()));
      }
      if (t instanceof TopicCreationDeniedException) {
        return Optional.of(new UserError(ExitStatus.NOT_SET_UP, "Cannot start: " + t.getMessage()));
      }
      if (t instanceof MalformedCsvException) {
        return Optional.of(new UserError(ExitStatus.USAGE, "Not a labeled CSV: " + t.getMessage()));
      }
      if (t instanceof MalformedTaxonomyException) {
        return Optional.of(new UserError(ExitStatus.USAGE, "Not a reason taxonomy: " + t.getMessage()));
      }
      if (t instanceof MalformedReasonCsvException) {
        return Optional.of(new UserError(ExitStatus.USAGE, "Not a CSV of reasons: " + t.getMessage()));
      }
      if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
        return Optional.of(new UserError(ExitStatus.USAGE, "No such file: " + t.getMessage()));
      }
      if (t instanceof AccessDeniedException) {
        return Optional.of(new UserError(ExitStatus.USAGE, "Cannot read " + t.getMessage() + ": permission denied"));
      }
    }
    return Optional.empty();
  }

  private static boolean verbose(boolean option) {
    return option || LogFormat.debug();
  }

  private static void print(CommandLine cl, String line, Throwable e, boolean verbose) {
    PrintWriter err = cl.getErr();
    err.println(line.replace('\n', ' '));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
  }
}
