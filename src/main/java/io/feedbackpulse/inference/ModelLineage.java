package io.feedbackpulse.inference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Which model scored a record: a content hash of the model's files and its version string.
 *
 * @param id {@code sha256:} and the first 16 hex digits of the hash of every file of the model
 */
public record ModelLineage(String id, String version) {

  public static ModelLineage of(List<byte[]> files, String version) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] file : files) {
        digest.update(longBytes(file.length));
        digest.update(file);
      }
      return new ModelLineage("sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16), version);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>= 8;
    }
    return b;
  }
}
