package io.feedbackpulse.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes ustar entries by hand, so that tests can build archives no well-behaved tar would (traversal, links). */
final class TarGz {
  private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

  TarGz file(String name, byte[] content) {
    header(name, '0', content.length, "");
    tar.writeBytes(content);
    tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
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

  /** Every file of {@code dir} under {@code prefix/}. */
  TarGz directoryTree(String prefix, Path dir) throws IOException {
    directory(prefix + "/");
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        file(prefix + "/" + f.getFileName(), Files.readAllBytes(f));
      }
    }
    return this;
  }

  byte[] bytes() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
      out.write(new byte[1024]);
    }
    return gz.toByteArray();
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
    tar.writeBytes(h);
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
