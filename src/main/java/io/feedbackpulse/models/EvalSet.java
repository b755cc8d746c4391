package io.feedbackpulse.models;

import io.feedbackpulse.training.LabeledCsv;
import io.feedbackpulse.training.LabeledExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A labeled CSV (the formats {@code evaluate --data} reads) with the SHA-256 of its bytes: figures of two models
 * are comparable when their sets have the same hash, whatever the file is called where.
 */
public record EvalSet(String name, String hash, List<LabeledExample> examples) {

  public static EvalSet read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      String hash = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      return new EvalSet(file.getFileName().toString(), hash, LabeledCsv.read(file));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
