package io.feedbackpulse.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps what the sender wrote in an e-mail body (lines separated by {@code \n}): drops the quoted reply chain
 * and the signature.
 */
final class EmailBodyCleaner {

  private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("(?i)\\s*-{2,}\\s*original message\\s*-{2,}\\s*");
  /** "On Mon, 3 Jun 2024 at 10:02, Shop <support@shop.example> wrote:" and its German and French forms. */
  private static final Pattern ATTRIBUTION =
      Pattern.compile("(?i)\\s*(on|am|le)\\s.{1,300}(wrote|schrieb|a écrit)\\s?:\\s*");
  private static final Pattern ATTRIBUTION_START = Pattern.compile("(?i)\\s*(on|am|le)\\s.*");
  private static final Pattern HEADER_FROM = Pattern.compile("(?i)\\s*\\*?from:\\*?\\s*\\S.*");
  private static final Pattern HEADER_SENT = Pattern.compile("(?i)\\s*\\*?(sent|date):\\*?\\s*\\S.*");
  private static final Pattern SEPARATOR = Pattern.compile("\\s*[_\\-=*]{5,}\\s*");
  private static final Pattern MOBILE_SIGNATURE = Pattern.compile("(?i)\\s*(sent from my \\S.{0,40}"
      + "|sent from (mail|outlook|yahoo mail|gmail)( for \\S.{0,30})?|get outlook for \\S.{0,30})\\s*");
  private static final Pattern SIGN_OFF = Pattern.compile("(?i)\\s*(best regards|kind regards|warm regards"
      + "|warmest regards|regards|best wishes|all the best|best|thanks|thank you|many thanks|thanks again"
      + "|thanks in advance|cheers|sincerely|yours sincerely|yours truly|yours faithfully)\\s*[,.!]?\\s*");

  private static final int ATTRIBUTION_MAX_LINES = 3;
  private static final int HEADER_BLOCK_LINES = 4;
  private static final int NAME_BLOCK_MAX_LINES = 4;
  private static final int NAME_BLOCK_MAX_LINE_LENGTH = 40;

  String clean(String body) {
    List<String> lines = new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    lines = lines.subList(0, replyChainStart(lines));
    lines.removeIf(line -> line.stripLeading().startsWith(">"));
    lines = lines.subList(0, signatureStart(lines));
    return String.join("\n", lines);
  }

  /** The index of the first line of a quoted earlier mail, or the line count when there is none. */
  private static int replyChainStart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (ORIGINAL_MESSAGE.matcher(lines.get(i)).matches()
          || isAttribution(lines, i)
          || isHeaderBlock(lines, i)) {
        return withoutTrailingSeparators(lines, i);
      }
    }
    return lines.size();
  }

  /** An attribution line, possibly wrapped; it names a date or an address, unlike "On Monday I wrote:". */
  private static boolean isAttribution(List<String> lines, int start) {
    if (!ATTRIBUTION_START.matcher(lines.get(start)).matches()) {
      return false;
    }
    StringBuilder joined = new StringBuilder();
    for (int i = start; i < Math.min(lines.size(), start + ATTRIBUTION_MAX_LINES); i++) {
      joined.append(i == start ? "" : " ").append(lines.get(i).strip());
      String candidate = joined.toString();
      if (ATTRIBUTION.matcher(candidate).matches()) {
        return candidate.chars().anyMatch(c -> Character.isDigit(c) || c == '@');
      }
    }
    return false;
  }

  /** Outlook's "From: ... / Sent: ..." block. */
  private static boolean isHeaderBlock(List<String> lines, int start) {
    if (!HEADER_FROM.matcher(lines.get(start)).matches()) {
      return false;
    }
    for (int i = start + 1; i < Math.min(lines.size(), start + 1 + HEADER_BLOCK_LINES); i++) {
      if (HEADER_SENT.matcher(lines.get(i)).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Moves a cut back over the blank lines and separator rules that introduce the quote. */
  private static int withoutTrailingSeparators(List<String> lines, int end) {
    int cut = end;
    while (cut > 0 && (lines.get(cut - 1).isBlank() || SEPARATOR.matcher(lines.get(cut - 1)).matches())) {
      cut--;
    }
    return cut;
  }

  /** The index of the first signature line, or the line count when there is none. */
  private static int signatureStart(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("--") || MOBILE_SIGNATURE.matcher(lines.get(i)).matches()) {
        return i;
      }
    }
    for (int i = lines.size() - 1; i > 0; i--) {
      if (SIGN_OFF.matcher(lines.get(i)).matches() && isNameBlock(lines.subList(i + 1, lines.size()))
          && hasText(lines.subList(0, i))) {
        return i;
      }
    }
    return lines.size();
  }

  /** One to a few short lines: a name, perhaps a role, a company, a phone number. */
  private static boolean isNameBlock(List<String> lines) {
    List<String> filled = lines.stream().filter(line -> !line.isBlank()).toList();
    return !filled.isEmpty() && filled.size() <= NAME_BLOCK_MAX_LINES
        && filled.stream().allMatch(line -> line.strip().length() <= NAME_BLOCK_MAX_LINE_LENGTH);
  }

  private static boolean hasText(List<String> lines) {
    return lines.stream().anyMatch(line -> !line.isBlank());
  }
}
