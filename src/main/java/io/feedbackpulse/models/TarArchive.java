package io.feedbackpulse.models;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Packs a model directory's files into a gzip-compressed tar archive, to publish a model at an {@code http(s)}
 * store ({@link ModelStoreUpload}), and unpacks one: regular files and directories only (ustar, with the
 * pax {@code path} and GNU long-name extensions that {@code tar} and Python's {@code tarfile} write for long
 * names). Links, devices and any name that would land outside the target directory are refused, because the
 * archive comes from a URL in a registry record, not from someone trusted with the file system. For the same reason
 * the {@link FetchLimits} are checked against each header before its entry is written, so a refused archive has
 * written at most the limit, never the whole of an entry that breaks it.
 */
final class TarArchive {
  private static final int BLOCK = 512;

  private TarArchive() {}

  /**
   * Packs the named files of {@code dir} into {@code archive} (tar.gz, ustar), each at the archive's root, as
   * {@link #unpack} and {@link ModelFetcher} read them back.
   *
   * @throws IOException when a name is longer than ustar's 100 bytes or holds a directory
   */
  static void pack(Path dir, List<String> files, Path archive) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive), 1 << 16)) {
      for (String name : files) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100 || name.contains("/")) {
          throw new IOException("cannot pack " + name + ": a name at the archive's root of at most 100 bytes");
        }
        Path file = dir.resolve(name);
        long size = Files.size(file);
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        putOctal(header, 100, 8, 0644);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, size);
        putOctal(header, 136, 12, Files.getLastModifiedTime(file).toMillis() / 1000);
        header[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
        header[263] = '0';
        header[264] = '0';
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
          sum += b & 0xff;
        }
        putOctal(header, 148, 7, sum);
        out.write(header);
        Files.copy(file, out);
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(new byte[padding]);
      }
      out.write(new byte[2 * BLOCK]);
    }
  }

  /** {@code value} as {@code length - 1} octal digits and a NUL, as ustar writes its numbers. */
  private static void putOctal(byte[] header, int offset, int length, long value) {
    String digits = String.format("%0" + (length - 1) + "o", value);
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
    header[offset + length - 1] = 0;
  }

  /**
   * Unpacks {@code archive} (tar.gz) into the empty directory {@code target}.
   *
   * @throws FetchLimits.Exceeded when the archive holds more than the limits allow; what was written stays in
   *     {@code target}, for the caller to delete
   */
  static void unpack(Path archive, Path target, FetchLimits limits) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      long entries = 0;
      long unpacked = 0;
      while (true) {
        readFully(in, header);
        if (allZero(header)) {
          return;
        }
        String name = longName != null ? longName : name(header);
        longName = null;
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        limits.checkEntries(++entries);
        if (type == '0' || type == '\0' || type == '7') {
          limits.checkEntry(name, size);
          unpacked += size;
          limits.checkTotal(unpacked);
        }
        switch (type) {
          case 'x' -> longName = paxPath(readEntry(in, size));
          case 'L' -> longName = nulTerminated(readEntry(in, size));
          case 'g' -> readEntry(in, size);
          case '5' -> Files.createDirectories(inside(root, name));
          case '0', '\0', '7' -> {
            Path file = inside(root, name);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
              copy(in, out, size);
            }
            skipPadding(in, size);
          }
          case '1', '2' -> throw new IOException("archive entry " + name + " is a link; links are refused");
          default -> throw new IOException("archive entry " + name + " has type '" + type
              + "'; only files and directories are unpacked");
        }
      }
    }
  }

  private static Path inside(Path root, String name) throws IOException {
    Path resolved = root.resolve(name).normalize();
    if (name.startsWith("/") || !resolved.startsWith(root)) {
      throw new IOException("archive entry '" + name + "' points outside the model directory");
    }
    return resolved;
  }

  private static String name(byte[] header) {
    String name = text(header, 0, 100);
    boolean ustar = text(header, 257, 5).equals("ustar");
    String prefix = ustar ? text(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The {@code path} record of a pax extended header: records are {@code "LEN key=value\n"}. */
  private static String paxPath(byte[] data) throws IOException {
    int at = 0;
    while (at < data.length) {
      int space = indexOf(data, (byte) ' ', at);
      if (space < 0) {
        break;
      }
      int length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.UTF_8).trim());
      if (length <= 0 || at + length > data.length) {
        throw new IOException("malformed pax header");
      }
      String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
      if (record.startsWith("path=")) {
        return record.substring("path=".length());
      }
      at += length;
    }
    return null;
  }

  private static byte[] readEntry(InputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("archive header of " + size + " bytes");
    }
    byte[] data = new byte[(int) size];
    readFully(in, data);
    skipPadding(in, size);
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    for (long left = size; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("archive ends inside a file");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
    readFully(in, new byte[padding]);
  }

  private static void readFully(InputStream in, byte[] into) throws IOException {
    int at = 0;
    while (at < into.length) {
      int n = in.read(into, at, into.length - at);
      if (n < 0) {
        throw new EOFException("archive ends early");
      }
      at += n;
    }
  }

  private static long octal(byte[] header, int offset, int length) throws IOException {
    String digits = text(header, offset, length).trim();
    try {
      long value = digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IOException("archive header has a malformed size '" + digits + "'");
    }
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String nulTerminated(byte[] data) {
    return text(data, 0, data.length);
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
