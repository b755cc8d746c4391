package io.feedbackpulse.ingest;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The visible text of an HTML mail body, with line breaks where block elements and {@code <br>} break lines. */
final class HtmlToText {

  private static final Pattern HTML_TAG = Pattern.compile(
      "(?i)<(?:!doctype|/?(?:html|head|body|div|p|br|span|table|tbody|tr|td|th|b|i|u|em|strong|a|font|blockquote"
          + "|ul|ol|li|h[1-6]|img|hr|meta|style|center|section|article|pre|code)\\b)[^<>]*>");

  /** Quoted mails that clients mark up as such, and content that is never shown. */
  private static final String NOT_THE_SENDERS_TEXT =
      "head, script, style, title, noscript, template, blockquote[type=cite], div.gmail_quote, div.yahoo_quoted";

  /** Whether the text contains HTML markup; a plain-text mail may well contain a stray {@code <} or {@code &}. */
  static boolean looksLikeHtml(String text) {
    return HTML_TAG.matcher(text).find();
  }

  String toText(String html) {
    Document document = Jsoup.parse(html);
    document.select(NOT_THE_SENDERS_TEXT).remove();
    StringBuilder text = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
          text.append(textNode.text());
        } else if (node instanceof Element element && breaksLine(element)) {
          text.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element element && element.isBlock()) {
          text.append('\n');
        } else if (node instanceof Element element && isCell(element)) {
          text.append(' ');
        }
      }
    }, document.body());
    return text.toString();
  }

  private static boolean breaksLine(Element element) {
    return element.isBlock() || element.normalName().equals("br");
  }

  private static boolean isCell(Element element) {
    return element.normalName().equals("td") || element.normalName().equals("th");
  }
}
