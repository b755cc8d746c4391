package io.feedbackpulse.cli;

/** The exit statuses of every command; README.md's "Exit statuses" table lists them for operators. */
public final class ExitStatus {
  public static final int OK = 0;
  /** Not a user error: a bug, or a failure after the service started; the stack trace is printed. */
  public static final int FAILED = 1;
  /**
   * picocli's own status for a bad command line: an unknown option, a malformed value, a file that is not there;
   * also a labeled CSV that is not one.
   */
  public static final int USAGE = 2;
  public static final int MODEL_NOT_LOADED = 3;
  /** The cluster or the registry is not set up for the settings (missing topics, unregistered subjects). */
  public static final int NOT_SET_UP = 4;
  /** A setting that is unknown or malformed, in a file, the environment or {@code --set}; or an HTTP port in use. */
  public static final int BAD_SETTINGS = 5;
  /** The schema registry did not answer, after the retries. */
  public static final int UNREACHABLE = 6;
  /**
   * {@code models}: the change is not allowed as the registry stands (the promotion gate refused, an eval set
   * below its minimums, figures that contradict those recorded, a stage that does not allow it, an unknown
   * version).
   */
  public static final int REFUSED = 7;
  /** {@code pipeline run}: another run holds the pipeline lease, so this one did not start. */
  public static final int BUSY = 8;
  /** 128 + SIGTERM, as the shell reports a process the signal stopped. */
  public static final int STOPPED = 143;

  private ExitStatus() {}
}
