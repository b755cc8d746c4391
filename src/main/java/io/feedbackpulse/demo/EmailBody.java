package io.feedbackpulse.demo;

import java.util.List;

/**
 * The parts of a customer e-mail and its two renderings: plain text (quotes as {@code >} lines,
 * signature after {@code "-- "}) and HTML (paragraphs, entities, a Gmail-style quote block).
 *
 * @param greeting   the salutation line, or null
 * @param paragraphs what the customer writes
 * @param closing    closing lines such as "Thanks," and a first name
 * @param signature  signature lines, or empty
 * @param quote      the earlier mail this one answers, or null
 */
record EmailBody(String greeting, List<String> paragraphs, List<String> closing, List<String> signature,
    Quote quote) {

  /** An earlier mail quoted below the reply: "On ..., ... wrote:" and its paragraphs, maybe quoting another. */
  record Quote(String attribution, List<String> paragraphs, Quote inner) {
  }

  String plainText() {
    StringBuilder text = new StringBuilder();
    if (greeting != null) {
      text.append(greeting).append("\n\n");
    }
    text.append(String.join("\n\n", paragraphs)).append("\n\n");
    text.append(String.join("\n", closing)).append('\n');
    if (!signature.isEmpty()) {
      text.append("\n-- \n").append(String.join("\n", signature)).append('\n');
    }
    if (quote != null) {
      text.append('\n');
      appendQuote(text, quote, ">");
    }
    return text.toString();
  }

  private static void appendQuote(StringBuilder text, Quote quote, String marker) {
    text.append(quote.attribution()).append('\n');
    for (int i = 0; i < quote.paragraphs().size(); i++) {
      if (i > 0) {
        text.append(marker).append('\n');
      }
      for (String line : quote.paragraphs().get(i).split("\n")) {
        text.append(marker).append(' ').append(line).append('\n');
      }
    }
    if (quote.inner() != null) {
      text.append(marker).append('\n').append(marker).append(' ');
      appendQuote(text, quote.inner(), marker + ">");
    }
  }

  /** HTML; {@code curlyApostrophes} writes ' as &amp;rsquo; instead of &amp;#39;, as some mail clients do. */
  String html(boolean curlyApostrophes) {
    StringBuilder html = new StringBuilder("<html><body><div dir=\"ltr\">");
    if (greeting != null) {
      html.append("<p>").append(escape(greeting, curlyApostrophes)).append("&nbsp;</p>");
    }
    for (String paragraph : paragraphs) {
      html.append("<p>").append(escape(paragraph, curlyApostrophes).replace("\n", "<br>")).append("</p>");
    }
    html.append("<p>").append(joinEscaped(closing, curlyApostrophes)).append("</p>");
    if (!signature.isEmpty()) {
      html.append("<div class=\"signature\">--&nbsp;<br>").append(joinEscaped(signature, curlyApostrophes))
          .append("</div>");
    }
    html.append("</div>");
    if (quote != null) {
      appendQuote(html, quote, curlyApostrophes);
    }
    return html.append("</body></html>").toString();
  }

  private static void appendQuote(StringBuilder html, Quote quote, boolean curlyApostrophes) {
    html.append("<div class=\"gmail_quote\"><div class=\"gmail_attr\">")
        .append(escape(quote.attribution(), curlyApostrophes))
        .append("<br></div><blockquote class=\"gmail_quote\" style=\"margin:0 0 0 .8ex;"
            + "border-left:1px #ccc solid;padding-left:1ex\">");
    for (String paragraph : quote.paragraphs()) {
      html.append("<p>").append(escape(paragraph, curlyApostrophes).replace("\n", "<br>")).append("</p>");
    }
    if (quote.inner() != null) {
      appendQuote(html, quote.inner(), curlyApostrophes);
    }
    html.append("</blockquote></div>");
  }

  private static String joinEscaped(List<String> lines, boolean curlyApostrophes) {
    return String.join("<br>", lines.stream().map(line -> escape(line, curlyApostrophes)).toList());
  }

  static String escape(String text, boolean curlyApostrophes) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append(curlyApostrophes ? "&rsquo;" : "&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
