package io.feedbackpulse.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 defines it: comma-separated fields, fields in double quotes may hold
 * commas, line breaks and doubled quotes ({@code ""}). Records end with LF, CRLF or CR; blank
 * lines and a leading byte order mark are skipped. Line breaks inside quoted fields are kept as
 * they are.
 */
public final class CsvReader {

  private static final int END = -1;
  private static final int NOTHING_PEEKED = Integer.MIN_VALUE;
  private static final int BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private int peeked = NOTHING_PEEKED;
  private boolean atStart = true;
  private long line = 1;

  public CsvReader(Reader in) {
    this.in = in;
  }

  /** All records of {@code in}, the header row included. */
  public static List<List<String>> readAll(Reader in) {
    CsvReader reader = new CsvReader(in);
    List<List<String>> records = new ArrayList<>();
    for (List<String> record = reader.next(); record != null; record = reader.next()) {
      records.add(record);
    }
    return records;
  }

  /** The next record, or {@code null} at the end of the input. */
  public List<String> next() {
    int c = read();
    if (atStart && c == BYTE_ORDER_MARK) {
      c = read();
    }
    atStart = false;
    while (c == '\r' || c == '\n') {
      skipLineEnd(c);
      c = read();
    }
    if (c == END) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      if (c == '"' && field.isEmpty()) {
        c = readQuoted(field);
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        c = read();
      } else if (c == '\r' || c == '\n' || c == END) {
        fields.add(field.toString());
        if (c != END) {
          skipLineEnd(c);
        }
        return fields;
      } else if (c == '"') {
        throw malformed("a quote inside an unquoted field");
      } else {
        field.append((char) c);
        c = read();
      }
    }
  }

  /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
  private int readQuoted(StringBuilder field) {
    long startLine = line;
    while (true) {
      int c = read();
      if (c == END) {
        throw new IllegalArgumentException("CSV: the quoted field that starts on line " + startLine + " never ends");
      }
      if (c == '"') {
        int after = read();
        if (after != '"') {
          if (after != ',' && after != '\r' && after != '\n' && after != END) {
            throw malformed("text after the closing quote of a field");
          }
          return after;
        }
      } else if (c == '\n') {
        line++;
      }
      field.append((char) c);
    }
  }

  private void skipLineEnd(int c) {
    line++;
    if (c == '\r') {
      int after = read();
      if (after != '\n') {
        peeked = after;
      }
    }
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("CSV: " + what + " on line " + line);
  }

  private int read() {
    if (peeked != NOTHING_PEEKED) {
      int c = peeked;
      peeked = NOTHING_PEEKED;
      return c;
    }
    try {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
