package io.feedbackpulse.broker;

import java.util.regex.Pattern;

/** Quotes a word for a POSIX shell command line, only when it needs quoting. */
final class ShellWord {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.,:=/+@%-]+");

  private ShellWord() {
  }

  static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
