package io.feedbackpulse.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks e-mail addresses, phone numbers and payment card numbers (Luhn-checked) in free text.
 * Order numbers, dates and prices survive.
 */
public final class PiiRedactor {
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern CARD = Pattern.compile("(?<![\\w-])(?:\\d[ -]?){12,18}\\d(?![\\w-])");
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\w/.-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,4}){1,4}(?![\\w/-]|\\.\\d)"
          + "|(?<![\\w/.-])\\+\\d{8,14}(?![\\w/-]|\\.\\d)");

  public String redact(String text) {
    String out = EMAIL.matcher(text).replaceAll("[email]");
    out = replaceCards(out);
    Matcher m = PHONE.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      boolean phone = digits.length() >= 9 && digits.length() <= 15 && !looksLikeDate(m.group());
      m.appendReplacement(b, Matcher.quoteReplacement(phone ? "[phone]" : m.group()));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String replaceCards(String text) {
    Matcher m = CARD.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      boolean card = digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
      m.appendReplacement(b, Matcher.quoteReplacement(card ? "[card]" : m.group()));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static boolean looksLikeDate(String s) {
    return s.matches("\\d{4}[-.]\\d{2}[-.]\\d{2}") || s.matches("\\d{2}[-.]\\d{2}[-.]\\d{4}");
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
