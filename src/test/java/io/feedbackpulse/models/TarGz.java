package io.feedbackpulse.models;

import io.feedbackpulse.inference.ModelLineage;
import io.feedbackpulse.inference.ModelSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes ustar entries by hand, so that tests can build archives no well-behaved tar would (traversal, links).
 * Entries go through gzip as they are written, so a large file of zeros costs kilobytes.
 */
final class TarGz {
  private final ByteArrayOutputStream gz = new ByteArrayOutputStream();
  private final OutputStream tar;

  TarGz() {
    try {
      tar = new GZIPOutputStream(gz, 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TarGz file(String name, byte[] content) {
    header(name, '0', content.length, "");
    write(content);
    write(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  /** A file of {@code size} zero bytes, streamed through gzip. */
  TarGz zeros(String name, long size) {
    header(name, '0', size, "");
    byte[] block = new byte[1 << 16];
    for (long left = size; left > 0; left -= block.length) {
      write(left >= block.length ? block : new byte[(int) left]);
    }
    write(new byte[(int) ((512 - size % 512) % 512)]);
    return this;
  }

  TarGz directory(String name) {
    header(name, '5', 0, "");
    return this;
  }

  TarGz symlink(String name, String target) {
    header(name, '2', 0, target);
    return this;
  }

  /** The files of {@code dir} the model id covers, under {@code prefix/}. */
  TarGz model(String prefix, Path dir) throws IOException {
    directory(prefix + "/");
    for (String name : ModelLineage.coveredFiles(ModelSource.of(dir.toString()))) {
      file(prefix + "/" + name, Files.readAllBytes(dir.resolve(name)));
    }
    return this;
  }

  /** The archive, ended; write nothing more to it. */
  byte[] bytes() throws IOException {
    tar.write(new byte[1024]);
    tar.close();
    return gz.toByteArray();
  }

  private void write(byte[] bytes) {
    try {
      tar.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void header(String name, char type, long size, String link) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 0));
    h[156] = (byte) type;
    put(h, 157, link);
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    write(h);
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
