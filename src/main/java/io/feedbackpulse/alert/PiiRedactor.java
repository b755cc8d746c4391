package io.feedbackpulse.alert;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks e-mail addresses, IBANs (mod-97-checked), payment card numbers (Luhn-checked) and phone numbers in free
 * text. Order numbers, dates, prices and sizes survive.
 */
public final class PiiRedactor {
  /** Query strings carry tokens, e-mail addresses and order numbers: kept is the address without them. */
  private static final Pattern URL_QUERY = Pattern.compile("(\\b(?:https?|ftp)://[^\\s?#]*)\\?[^\\s#]*");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern CARD = Pattern.compile("(?<![\\w-])(?:\\d[ -]?){12,18}\\d(?![\\w-])");
  /** Printed in groups of four or not, upper or lower case: the mod-97 check tells an IBAN from a near miss. */
  private static final Pattern IBAN = Pattern.compile(
      "(?<![\\w-])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![\\w-])");
  private static final Pattern PHONE = Pattern.compile(
      // first an international number dialled with 00 or +, its groups of any length (0049 30 1234567), so that
      // a shorter local-looking match does not take its first groups
      "(?<![\\w/.-])(?:\\+|00)[1-9]\\d{0,2}(?:[ .-]\\d{1,8}){1,5}(?![\\w/-]|\\.\\d)"
          + "|(?<![\\w/.-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,4}){1,4}(?![\\w/-]|\\.\\d)"
          + "|(?<![\\w/.-])\\+\\d{1,3}(?:[ .-]\\d{1,4}){2,6}(?![\\w/-]|\\.\\d)"
          + "|(?<![\\w/.-])\\+\\d{8,14}(?![\\w/-]|\\.\\d)");

  public String redact(String text) {
    String out = URL_QUERY.matcher(text).replaceAll("$1?[query]");
    out = EMAIL.matcher(out).replaceAll("[email]");
    out = replaceIbans(out);
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

  private static String replaceIbans(String text) {
    Matcher m = IBAN.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String compact = m.group().replace(" ", "").toUpperCase(Locale.ROOT);
      boolean iban = compact.length() >= 15 && compact.length() <= 34 && mod97(compact) == 1;
      m.appendReplacement(b, Matcher.quoteReplacement(iban ? "[iban]" : m.group()));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** ISO 13616: the country code and check digits moved to the end, letters as 10..35, modulo 97. */
  private static int mod97(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    int remainder = 0;
    for (char c : rearranged.toCharArray()) {
      int value = Character.getNumericValue(c);
      remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
    }
    return remainder;
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
